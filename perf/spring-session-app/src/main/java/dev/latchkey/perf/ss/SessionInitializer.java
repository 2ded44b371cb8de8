package dev.latchkey.perf.ss;

import org.springframework.session.web.context.AbstractHttpSessionApplicationInitializer;

/** Starts the Spring context and puts Spring Session's filter in front of every request. */
public class SessionInitializer extends AbstractHttpSessionApplicationInitializer {

    public SessionInitializer() {
        super(SessionConfig.class);
    }
}
