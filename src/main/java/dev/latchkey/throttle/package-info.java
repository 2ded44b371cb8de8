/**
 * Sign-in throttling's service provider interface: where the attempt counters live
 * ({@link dev.latchkey.throttle.AttemptStore}, shared by every node; in memory for tests and one node:
 * {@link dev.latchkey.throttle.InMemoryAttemptStore}), and the limits ({@link dev.latchkey.throttle.ThrottleSettings},
 * {@link dev.latchkey.throttle.ThrottleLimit}). An application that keeps its counters elsewhere produces an
 * {@code AttemptStore} bean.
 */
package dev.latchkey.throttle;
