package io.ringkeeper.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends java.util.logging (Jersey, HK2, Guice, the JDK's HTTP client) to SLF4J, with JUL's levels following Logback's.
 * Separate from the Logback setup because JUL's first use scans every jar on the class path for a logging backend:
 * the daemon installs it once it listens, off the path to its first answer.
 */
public final class JulBridge {
    private JulBridge() {
    }

    public static synchronized void install() {
        if (SLF4JBridgeHandler.isInstalled()) {
            return;
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            LevelChangePropagator propagator = new LevelChangePropagator();
            propagator.setContext(context);
            propagator.setResetJUL(true);
            propagator.start();
            context.addListener(propagator);
        }
    }
}
