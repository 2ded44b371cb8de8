package dev.latchkey.internal.recovery;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/** Registers {@link RecoveryFilter} for Latchkey's recovery pages only: other requests never pass through it. */
public class RecoveryInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        FilterRegistration.Dynamic filter = context.addFilter("latchkey-recovery", RecoveryFilter.class);
        if (filter != null) {
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, RecoveryPages.PREFIX + "*");
        }
    }
}
