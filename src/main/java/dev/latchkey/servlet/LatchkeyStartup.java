package dev.latchkey.servlet;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Starts Latchkey when the application starts, with its servlet context at hand (for settings given
 * as context parameters). A failure here stops the deployment. Registered by {@link LatchkeyInitializer}.
 */
public class LatchkeyStartup implements ServletContextListener {

    @Inject
    Startable latchkey;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        latchkey.start(event.getServletContext());
    }

    /** What the listener starts: the CDI integration. */
    public interface Startable {
        /** Reads the settings, opens the store, checks the schema; throws to stop the deployment. */
        void start(jakarta.servlet.ServletContext context);
    }
}
