package dev.latchkey.cdi;

import dev.latchkey.servlet.SessionsSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Produces {@link CurrentUser} once per request: a view of the request's session that follows a
 * sign-in or sign-out made during the request.
 */
@ApplicationScoped
public class CurrentUserProducer {

    @Inject
    SessionsSource source;

    /** The caller of the current request; anonymous when nobody is signed in, never {@code null}. */
    @Produces
    @RequestScoped
    public CurrentUser currentUser(HttpServletRequest request) {
        return new RequestUser(request, source);
    }
}
