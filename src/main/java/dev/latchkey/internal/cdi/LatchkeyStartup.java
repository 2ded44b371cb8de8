package dev.latchkey.internal.cdi;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Starts Latchkey when the application starts, with its servlet context at hand (for settings given
 * as context parameters). A failure here stops the deployment. Registered by {@link LatchkeyInitializer}.
 */
public class LatchkeyStartup implements ServletContextListener {

    @Inject
    LatchkeyRuntime runtime;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        runtime.start(event.getServletContext());
    }
}
