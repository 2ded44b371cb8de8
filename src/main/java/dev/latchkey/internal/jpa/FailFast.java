package dev.latchkey.internal.jpa;

import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationTargetException;

/**
 * Makes Latchkey's unit answer at once when the database is down. EclipseLink retries a query that
 * failed on a broken connection three times, five seconds apart: a sign-in during an outage took ten
 * seconds to answer 503, and a registration twenty. Latchkey's stores answer an outage themselves
 * (503 with {@code Retry-After}; the client tries again), so the unit is told not to retry. Hibernate
 * does not retry; nothing to do there.
 *
 * <p>Set through the unit's own session, found by reflection, so that Latchkey needs no EclipseLink
 * class at compile time nor in the application's view (Open Liberty does not show them to applications).
 */
final class FailFast {

    private FailFast() {
    }

    /**
     * Turns off EclipseLink's retry of failed queries in {@code emf}; does nothing under another provider.
     *
     * @return whether it was EclipseLink's unit and the retry is off
     */
    static boolean apply(EntityManagerFactory emf) {
        if (!emf.getClass().getName().startsWith("org.eclipse.persistence.")) {
            return false;
        }
        try {
            Object session = emf.getClass().getMethod("getDatabaseSession").invoke(emf);
            Object login = session.getClass().getMethod("getLogin").invoke(session);
            login.getClass().getMethod("setQueryRetryAttemptCount", int.class).invoke(login, 0);
            return true;
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return false; // another EclipseLink than the 4.x line: it keeps its retries
        } catch (InvocationTargetException e) {
            // the unit could not log in (the database is down at start): the checks that follow report it
            return false;
        }
    }
}
