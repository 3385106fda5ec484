package io.ringkeeper.http;

import com.google.inject.AbstractModule;
import io.ringkeeper.daemon.Preflights;
import io.ringkeeper.daemon.Services;

/**
 * The admin API: the server, its error model (mappers are built in {@link HttpServer}), the bearer-token
 * filter, HTTP metrics and {@code /openapi.json}. Its server starts in the last phase and stops first, so the API never
 * serves a half-started daemon; its port is bound in the first, by {@link Listen}.
 */
public final class HttpModule extends AbstractModule {
    /** Binds the port before anything else runs (phase BIND; see {@link HttpListener#open()}). */
    public static final class Listen extends AbstractModule {
        @Override
        protected void configure() {
            Services.bind(binder()).addBinding().to(HttpServer.Listen.class);
        }
    }

    @Override
    protected void configure() {
        bind(ApiJson.class).asEagerSingleton();
        Preflights.bind(binder()).addBinding().to(AuthToken.class);
        Services.bind(binder()).addBinding().to(HttpServer.class);
        HttpBindings.components(binder()).addBinding().to(BearerTokenFilter.class);
        HttpBindings.components(binder()).addBinding().to(HttpMetricsFilter.class);
        HttpBindings.components(binder()).addBinding().to(OpenApiResource.class);
    }
}
