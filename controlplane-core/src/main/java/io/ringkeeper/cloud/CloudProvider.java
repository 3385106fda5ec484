package io.ringkeeper.cloud;

import com.google.inject.Module;

/**
 * A cloud: who this node is, who its peers are, where backups go, and the scaling group's lifecycle hooks.
 * Implementations are found with {@link java.util.ServiceLoader} (a {@code META-INF/services} entry in each
 * cloud module) and chosen by {@code cloud:} in ringkeeper.yaml. Core never names a particular cloud.
 *
 * @param <S> the record the provider's own config section (the top-level key named {@link #name()}) binds to
 */
public interface CloudProvider<S> {

    /** The value of {@code cloud:} that selects this provider, and the name of its config section. */
    String name();

    /** The record type of this provider's config section. */
    Class<S> settingsType();

    /** Classpath resource holding the defaults of this provider's section, in YAML. */
    String defaultsResource();

    /**
     * A Guice module binding {@link InstanceIdentity}, {@link GroupMembership}, {@link ObjectStore} and
     * {@link LifecycleHooks}. Building it and creating the injector must do no I/O: remote calls happen
     * when the bound objects are first used, after the daemon has started.
     */
    Module module(S settings);
}
