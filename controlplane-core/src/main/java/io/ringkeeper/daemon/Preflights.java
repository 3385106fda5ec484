package io.ringkeeper.daemon;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;

/** Where feature modules register their {@link Preflight}s. */
public final class Preflights {
    private Preflights() {
    }

    public static Multibinder<Preflight> bind(Binder binder) {
        return Multibinder.newSetBinder(binder, Preflight.class);
    }
}
