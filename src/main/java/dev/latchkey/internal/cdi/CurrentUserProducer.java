package dev.latchkey.internal.cdi;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.internal.servlet.ServletSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Produces {@link CurrentUser} once per request: a view of the request's session that follows a
 * sign-in or sign-out made during the request.
 */
@ApplicationScoped
class CurrentUserProducer {

    @Inject
    Provider<ServletSessions> sessions;

    /** The caller of the current request; anonymous when nobody is signed in, never {@code null}. */
    @Produces
    @RequestScoped
    CurrentUser currentUser(HttpServletRequest request) {
        return new RequestUser(request, sessions);
    }
}
