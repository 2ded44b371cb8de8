/**
 * The default store: sessions in the {@code latchkey_session} table through JPA (EclipseLink or
 * Hibernate) — {@link dev.latchkey.jpa.JpaSessionStore}, its entity {@link dev.latchkey.jpa.SessionEntity} —
 * and the sign-in attempt counters in {@code latchkey_signin_attempt} ({@link dev.latchkey.jpa.JpaAttemptStore}).
 */
package dev.latchkey.jpa;
