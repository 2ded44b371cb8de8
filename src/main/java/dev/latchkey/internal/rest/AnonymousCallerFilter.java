package dev.latchkey.internal.rest;

import dev.latchkey.core.Reason;
import dev.latchkey.internal.servlet.Challenges;
import dev.latchkey.internal.servlet.RequestState;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Stops an anonymous request to a method that needs a role: 401 with the challenge, or 503 with
 * {@code Retry-After} when the session store could not be asked. Registered by
 * {@link RolesAllowedChallenge} for such methods only.
 */
public final class AnonymousCallerFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext() != null && request.getSecurityContext().getUserPrincipal() != null) {
            return;
        }
        // In a servlet container, request properties are the servlet request's attributes.
        RequestState state = request.getProperty(RequestState.ATTRIBUTE) instanceof RequestState s ? s : null;
        if (state != null && state.rejection() == Reason.STORE_UNAVAILABLE) {
            request.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", Long.toString(Challenges.STORE_RETRY_SECONDS))
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .entity(Challenges.STORE_DOWN + "\n")
                    .build());
            return;
        }
        request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                .header("WWW-Authenticate", Challenges.forAnonymous(state))
                .type(MediaType.TEXT_PLAIN_TYPE)
                .entity("Unauthorized: sign in first\n")
                .build());
    }
}
