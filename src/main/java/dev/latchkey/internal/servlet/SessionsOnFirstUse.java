package dev.latchkey.internal.servlet;

import java.util.function.Supplier;

/**
 * The application's {@link ServletSessions} for the mechanism and the filter, looked up through CDI on
 * the first request and kept: a look-up per request costs about as much as the rest of a validation
 * answered by the cache. Not before the first request, since the beans exist before Latchkey is
 * assembled.
 */
public final class SessionsOnFirstUse {

    private final Supplier<ServletSessions> lookup;
    private volatile ServletSessions found;

    public SessionsOnFirstUse(Supplier<ServletSessions> lookup) {
        this.lookup = lookup;
    }

    public ServletSessions get() {
        ServletSessions sessions = found;
        if (sessions == null) {
            sessions = lookup.get();
            found = sessions;
        }
        return sessions;
    }
}
