package io.ringkeeper.reconcile;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;

/** Where feature modules register their {@link Reconciler}s. */
public final class Reconcilers {
    private Reconcilers() {
    }

    public static Multibinder<Reconciler> bind(Binder binder) {
        return Multibinder.newSetBinder(binder, Reconciler.class);
    }
}
