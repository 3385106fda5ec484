package io.ringkeeper.node;

import com.google.inject.AbstractModule;
import io.ringkeeper.http.HttpBindings;

/** The node view: {@code GET /v1/node}. */
public final class NodeModule extends AbstractModule {
    @Override
    protected void configure() {
        HttpBindings.components(binder()).addBinding().to(NodeResource.class);
    }
}
