package io.ringkeeper.http;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the set of JAX-RS components (resources, filters, exception mappers) served by the admin API.
 * A feature module adds its resources with {@code HttpBindings.components(binder()).addBinding().to(MyResource.class)};
 * Guice builds them (constructor injection), Jersey serves the instances.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface JaxRs {
}
