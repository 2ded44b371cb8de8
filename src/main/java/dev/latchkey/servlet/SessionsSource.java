package dev.latchkey.servlet;

/**
 * Gives the mechanism and the filter the per-request session handling once the application has
 * started. Implemented by the CDI integration; asked on each request, never at injection time, so
 * nothing starts before the application's settings can be read.
 */
public interface SessionsSource {

    /** The session handling of the running application. */
    RequestSessions requestSessions();
}
