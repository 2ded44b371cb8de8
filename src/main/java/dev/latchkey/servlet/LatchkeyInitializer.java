package dev.latchkey.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * Registers {@link LatchkeyFilter} for every request of the application, ahead of the application's
 * own filters, and {@link LatchkeyStartup} to start Latchkey with the application.
 */
public class LatchkeyInitializer implements ServletContainerInitializer {

    /** The filter's name, for ordering it in {@code web.xml} if ever needed. */
    public static final String FILTER_NAME = "latchkey";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addListener(LatchkeyStartup.class);
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, LatchkeyFilter.class);
        if (filter != null) { // null: the application already declared a filter of this name
            filter.setAsyncSupported(true);
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
    }
}
