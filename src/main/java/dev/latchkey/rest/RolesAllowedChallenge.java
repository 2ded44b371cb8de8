package dev.latchkey.rest;

import dev.latchkey.internal.rest.AnonymousCallerFilter;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * Makes an anonymous request to a Jakarta REST method guarded by {@code @RolesAllowed} answer 401
 * with {@code WWW-Authenticate: Bearer}, so that a client can tell "sign in" from "not allowed" (403)
 * on every server: left alone, Payara's Jersey and the RESTEasy of WildFly and Open Liberty all
 * answer 403 to a caller who is not signed in. The role itself is still checked by the server.
 *
 * <p>Jakarta REST finds this provider in {@code WEB-INF/lib} when the application's
 * {@code Application} class lists no classes of its own; one that does must add this class to
 * {@code getClasses()}.
 */
@Provider
public class RolesAllowedChallenge implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        if (method == null || method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        if (method.isAnnotationPresent(RolesAllowed.class)
                || resource.getResourceClass().isAnnotationPresent(RolesAllowed.class)) {
            context.register(new AnonymousCallerFilter(), Priorities.AUTHENTICATION);
        }
    }
}
