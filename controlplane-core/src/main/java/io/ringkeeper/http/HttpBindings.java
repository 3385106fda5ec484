package io.ringkeeper.http;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;

/** Where feature modules register what the admin API serves. */
public final class HttpBindings {
    private HttpBindings() {
    }

    /** The set of JAX-RS components (resources, filters, mappers) a feature module adds to. */
    public static Multibinder<Object> components(Binder binder) {
        return Multibinder.newSetBinder(binder, Object.class, JaxRs.class);
    }
}
