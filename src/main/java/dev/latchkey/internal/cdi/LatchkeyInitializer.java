package dev.latchkey.internal.cdi;

import dev.latchkey.internal.servlet.LatchkeyFilter;
import dev.latchkey.internal.servlet.MalformedBasicGuard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Registers {@link LatchkeyFilter} for every request of the application, ahead of the application's
 * own filters, and {@link LatchkeyStartup} to start Latchkey with the application.
 *
 * <p>It also declares every role named in an {@code @RolesAllowed} of the application (on a class or
 * a method), so that {@code @RolesAllowed("user")} works without an {@code @DeclareRoles("user")}
 * as well: Payara maps a caller's groups only to roles the application declares. On Open Liberty it
 * adds the {@link MalformedBasicGuard}.
 */
@HandlesTypes(RolesAllowed.class)
public class LatchkeyInitializer implements ServletContainerInitializer {

    /** The filter's name, for ordering it in {@code web.xml} if ever needed. */
    public static final String FILTER_NAME = "latchkey";
    /** The servlet context attribute holding the roles declared here, for the start-up summary. */
    public static final String DECLARED_ROLES = LatchkeyInitializer.class.getName() + ".roles";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addListener(LatchkeyStartup.class);
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, LatchkeyFilter.class);
        if (filter != null) { // null: the application already declared a filter of this name
            filter.setAsyncSupported(true);
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
        Set<String> roles = rolesAllowed(classes);
        if (!roles.isEmpty()) {
            context.declareRoles(roles.toArray(String[]::new));
        }
        context.setAttribute(DECLARED_ROLES, Collections.unmodifiableSet(roles));
        if (MalformedBasicGuard.isNeeded(context)) {
            context.addListener(new MalformedBasicGuard());
        }
    }

    /** The role names in {@code @RolesAllowed} on these classes and their methods, but {@code *} and {@code **}. */
    static Set<String> rolesAllowed(Set<Class<?>> classes) {
        Set<String> roles = new TreeSet<>();
        if (classes == null) {
            return roles;
        }
        for (Class<?> type : classes) {
            try {
                add(roles, type.getAnnotation(RolesAllowed.class));
                for (Method method : type.getDeclaredMethods()) {
                    add(roles, method.getAnnotation(RolesAllowed.class));
                }
            } catch (LinkageError unloadable) {
                // a class whose methods name types the application cannot load declares nothing we can read
            }
        }
        return roles;
    }

    private static void add(Set<String> roles, RolesAllowed annotation) {
        if (annotation == null) {
            return;
        }
        for (String role : annotation.value()) {
            if (role != null && !role.isBlank() && !role.equals("*") && !role.equals("**")) {
                roles.add(role);
            }
        }
    }
}
