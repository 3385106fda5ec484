package io.ringkeeper.desired;

import com.google.inject.Binder;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.reconcile.Reconciler;
import io.ringkeeper.reconcile.Reconcilers;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The kinds this daemon knows. Adding a kind is one line in its feature's module,
 * {@code DesiredKinds.register(binder(), MyKindHandler.class)}: it makes the kind's records accepted by the API (bound
 * to its spec record) and gives it a reconcile loop that calls the handler on every daemon.
 */
@Singleton
public final class DesiredKinds {
    private final Map<String, KindHandler<?>> kinds = new TreeMap<>();

    @Inject
    DesiredKinds(Set<KindHandler<?>> handlers) {
        for (KindHandler<?> h : handlers) {
            if (kinds.put(h.kind().name(), h) != null) {
                throw new IllegalStateException("two handlers for kind " + h.kind().name());
            }
        }
    }

    public Optional<DesiredKind<?>> find(String name) {
        return Optional.ofNullable(kinds.get(name)).map(KindHandler::kind);
    }

    /** The kind, or a 404 that lists the kinds there are. */
    public DesiredKind<?> require(String name) {
        return find(name).orElseThrow(() -> io.ringkeeper.http.ApiException.notFound("no kind \""
                + (name.length() > 60 ? name.substring(0, 60) + "..." : name) + "\"; the kinds are " + String.join(", ", names())));
    }

    /** The detail of a node's status entry as the kind presents it at {@code now}. */
    public Map<String, Object> present(String kind, Map<String, Object> detail, java.time.Instant now) {
        KindHandler<?> h = kinds.get(kind);
        return h == null || detail == null ? detail : h.present(detail, now);
    }

    public Set<String> names() {
        return kinds.keySet();
    }

    static Multibinder<KindHandler<?>> handlers(Binder binder) {
        return Multibinder.newSetBinder(binder, new TypeLiteral<KindHandler<?>>() { });
    }

    /** Registers a kind: its handler, and a reconcile loop for it. */
    public static <H extends KindHandler<?>> void register(Binder binder, Class<H> handler) {
        binder.bind(handler).in(Scopes.SINGLETON);
        handlers(binder).addBinding().to(handler);
        Reconcilers.bind(binder).addBinding().toProvider(new LoopProvider(Key.get(handler))).in(Scopes.SINGLETON);
    }

    private static final class LoopProvider implements Provider<Reconciler> {
        private final Key<? extends KindHandler<?>> handler;
        @Inject
        private Injector injector;

        LoopProvider(Key<? extends KindHandler<?>> handler) {
            this.handler = handler;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Reconciler get() {
            return new KindReconciler(injector.getInstance(handler), injector.getInstance(DesiredWatch.class),
                    injector.getInstance(StatusStore.class),
                    injector.getInstance(NodeIdentity.class), injector.getInstance(SpecReader.class),
                    injector.getInstance(java.time.Clock.class));
        }
    }
}
