package dev.latchkey.security;

/** The mechanism's own settings, supplied by the CDI integration. */
public interface MechanismSettings {

    /** The context-relative login page browsers are sent to for protected resources, or {@code null} for a plain 401. */
    String loginPage();
}
