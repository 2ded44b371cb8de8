package dev.latchkey.internal.rest;

import dev.latchkey.core.Reason;
import dev.latchkey.core.RecentSignInRequiredException;
import dev.latchkey.internal.servlet.Challenges;
import dev.latchkey.internal.servlet.Diagnostics;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers a Jakarta REST method guarded by {@code @RecentSignIn} whose caller signed in too long ago:
 * 401 with the RFC 9470 step-up challenge and reason {@code LK-205}.
 */
@Provider
public class RecentSignInRequiredMapper implements ExceptionMapper<RecentSignInRequiredException> {

    @Override
    public Response toResponse(RecentSignInRequiredException e) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header("WWW-Authenticate", Challenges.recentSignIn(e.maxAge()))
                .header(Diagnostics.HEADER, Reason.RECENT_SIGN_IN_REQUIRED.messageId() + " " + Reason.RECENT_SIGN_IN_REQUIRED.name())
                .type(MediaType.TEXT_PLAIN_TYPE)
                .entity(Challenges.recentSignInNeeded(e.maxAge()) + "\n")
                .build();
    }
}
