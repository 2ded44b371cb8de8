package dev.latchkey.internal.servlet;

import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Open Liberty only: keeps a malformed {@code Authorization: Basic} header from turning into a 500.
 *
 * <p>When an application has a Jakarta Security mechanism, Open Liberty (26.0.0.3 and earlier) reads
 * a {@code Basic} header after the mechanism has run, to name the user in an audit record, and fails
 * on any header that does not decode to {@code user:password} ({@code NullPointerException} or
 * {@code StringIndexOutOfBoundsException} in {@code WebProviderAuthenticatorProxy}). It skips that
 * step for a request it treats as a new authentication, which it learns from the request attribute
 * set here, before its security check runs. Latchkey's mechanism then sees an authentication
 * request without a credential and handles the request as any other. Only such malformed headers
 * are touched; Latchkey never reads {@code Basic} credentials.
 */
public final class MalformedBasicGuard implements ServletRequestListener {

    /** The request attribute Open Liberty takes authentication parameters from. */
    static final String LIBERTY_PARAMETERS = "com.ibm.ws.security.javaeesec.auth.params";

    /** Whether the server is Open Liberty, the one that needs the guard. */
    public static boolean isNeeded(ServletContext context) {
        String server = String.valueOf(context.getServerInfo()).toLowerCase(Locale.ROOT);
        return server.contains("liberty") || server.contains("websphere") || server.contains("smf webcontainer");
    }

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        if (event.getServletRequest() instanceof HttpServletRequest request
                && isMalformedBasic(request.getHeader("Authorization"))
                && request.getAttribute(LIBERTY_PARAMETERS) == null) {
            request.setAttribute(LIBERTY_PARAMETERS, AuthenticationParameters.withParams().newAuthentication(true));
        }
    }

    /** A header that starts like Liberty's check ({@code "Basic "}) but is not padded Base64 of {@code name:password}. */
    static boolean isMalformedBasic(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        String encoded = authorization.substring(6);
        if (encoded.isEmpty() || encoded.length() % 4 != 0) {
            return true;
        }
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.ISO_8859_1).indexOf(':') < 0;
        } catch (IllegalArgumentException notBase64) {
            return true;
        }
    }
}
