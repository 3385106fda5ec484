package io.ringkeeper.daemon;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;

/** Where feature modules register their {@link Service}s. */
public final class Services {
    private Services() {
    }

    public static Multibinder<Service> bind(Binder binder) {
        return Multibinder.newSetBinder(binder, Service.class);
    }
}
