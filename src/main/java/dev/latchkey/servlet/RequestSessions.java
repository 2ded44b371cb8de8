package dev.latchkey.servlet;

import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.Session;
import dev.latchkey.core.SessionToken;
import dev.latchkey.core.SessionValidation;
import dev.latchkey.store.SessionStoreException;
import dev.latchkey.web.CookieSettings;
import dev.latchkey.web.OriginCheck;
import dev.latchkey.web.RequestFacts;
import dev.latchkey.web.RequestTokens;
import dev.latchkey.web.SessionCookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The session of a servlet request: reads the token (bearer header first, then the session cookie),
 * validates it once per request, and writes the session cookie — renewed, new or blank — onto the
 * response before the application has written anything. The only place Latchkey sets a cookie.
 */
public final class RequestSessions {

    /** At most this many well-formed session cookies of one request are looked up. */
    static final int MAX_COOKIES_TRIED = 3;
    private static final String FACTS_ATTRIBUTE = RequestFacts.class.getName();
    private static final String[] FACT_HEADERS = {"Origin", "Sec-Fetch-Site", "Forwarded", "X-Forwarded-Proto",
        "X-Forwarded-Host", "X-Forwarded-For", "X-Real-IP", "Via"};

    private final Latchkey latchkey;
    private final OriginCheck originCheck;
    private final Diagnostics diagnostics;

    /**
     * @param latchkey    the sessions
     * @param originCheck the CSRF decision, which also knows the trusted proxies
     * @param diagnostics where rejections are reported
     */
    public RequestSessions(Latchkey latchkey, OriginCheck originCheck, Diagnostics diagnostics) {
        this.latchkey = latchkey;
        this.originCheck = originCheck;
        this.diagnostics = diagnostics;
    }

    /** The CSRF decision in use. */
    public OriginCheck originCheck() {
        return originCheck;
    }

    /** The diagnostics in use. */
    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * The state of this request, validating its token the first time it is asked. A renewed session's
     * cookie, or the blank cookie for a rejected one, is added to {@code response} at that moment.
     *
     * @param response where cookies go; {@code null} when there is no response at hand (nothing is written)
     */
    public RequestState resolve(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(RequestState.ATTRIBUTE) instanceof RequestState known) {
            return known;
        }
        RequestState state = validate(request, response);
        request.setAttribute(RequestState.ATTRIBUTE, state);
        if (state.rejection() != null && state.rejection() != Reason.NO_TOKEN) {
            diagnostics.reject(request, response, state.rejection());
        }
        return state;
    }

    private RequestState validate(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> bearer = RequestTokens.bearerToken(request.getHeader("Authorization"));
        if (bearer.isPresent()) {
            SessionValidation v = latchkey.validateSession(bearer.get());
            return new RequestState(v.session().orElse(null), v.rejection().orElse(null), false);
        }
        CookieSettings settings = cookieSettings(request);
        List<String> values = RequestTokens.cookieValues(headers(request, "Cookie"), settings.name());
        if (values.isEmpty()) {
            boolean crossSite = "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"));
            return new RequestState(null, crossSite ? Reason.NO_TOKEN_CROSS_SITE : Reason.NO_TOKEN, false);
        }
        Reason last = Reason.MALFORMED_TOKEN;
        int tried = 0;
        for (String value : values) {
            if (!SessionToken.isWellFormed(value) || tried++ >= MAX_COOKIES_TRIED) {
                continue;
            }
            SessionValidation v = latchkey.validateSession(value);
            if (v.isValid()) {
                Session session = v.session().orElseThrow();
                if (v.isFresh()) {
                    write(request, response, latchkey.createSessionCookie(value, session, settings));
                }
                return new RequestState(session, null, true);
            }
            last = v.rejection().orElseThrow();
            if (last == Reason.STORE_UNAVAILABLE) {
                return new RequestState(null, last, true); // keep the cookie: the session may be fine
            }
        }
        write(request, response, settings.blankCookie());
        return new RequestState(null, last, true);
    }

    /**
     * Whether a sign-in that sets the session cookie may happen on this request: the origin rule of
     * a cookie-authenticated request ({@link OriginCheck#decideSignIn}), so that no other site can
     * sign a victim's browser in to its author's account. Ask before checking the credential.
     *
     * @return the reason to refuse, or empty to go ahead
     */
    public Optional<Reason> refuseCookieSignIn(HttpServletRequest request) {
        return originCheck.decideSignIn(facts(request)).reason();
    }

    /**
     * Signs a user in: deletes any session the request carried (no fixation), creates a new one and
     * sets its cookie. The token goes only into the {@code HttpOnly} cookie; nothing else in the
     * request holds it. From then on the request's state is the new session.
     *
     * @throws dev.latchkey.store.SessionStoreException if the store fails; nothing was set then
     */
    public IssuedSession signIn(HttpServletRequest request, HttpServletResponse response, String userId,
            Collection<String> groups, boolean rememberMe) {
        resolve(request, null).activeSession().ifPresent(old -> latchkey.invalidateSession(old.id()));
        IssuedSession issued = latchkey.createSession(newSession(request, userId, groups, rememberMe));
        write(request, response, latchkey.createSessionCookie(issued.token(), issued.session(), cookieSettings(request)));
        request.setAttribute(RequestState.ATTRIBUTE, new RequestState(issued.session(), null, true));
        return issued;
    }

    /**
     * Creates a session whose token is handed to an API client for {@code Authorization: Bearer}:
     * no cookie is set and the request's own state is unchanged.
     *
     * @throws dev.latchkey.store.SessionStoreException if the store fails
     */
    public IssuedSession issueBearerSession(HttpServletRequest request, String userId, Collection<String> groups) {
        return latchkey.createSession(newSession(request, userId, groups, true));
    }

    private static NewSession newSession(HttpServletRequest request, String userId, Collection<String> groups,
            boolean rememberMe) {
        return NewSession.forUser(userId)
                .rememberMe(rememberMe)
                .client(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .groups(groups);
    }

    /**
     * Signs the request's session out. The blank cookie is sent first, whatever happens next, and the
     * request becomes anonymous; then the session is deleted.
     *
     * @throws dev.latchkey.store.SessionStoreException if the store fails: the session may still be
     *         valid, so the caller must not report success
     */
    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        RequestState state = resolve(request, null);
        write(request, response, cookieSettings(request).blankCookie());
        request.setAttribute(RequestState.ATTRIBUTE, new RequestState(null, Reason.NO_TOKEN, false));
        if (state.rejection() == Reason.STORE_UNAVAILABLE) {
            // The token could not be checked, so its session could not be deleted: it may still be valid.
            throw new SessionStoreException("sign-out: the session store could not be asked");
        }
        state.activeSession().ifPresent(s -> latchkey.invalidateSession(s.id()));
    }

    /**
     * The cookie settings for this request: the configured ones, or, for local development (a
     * plain-HTTP connection from this machine to itself, see {@link OriginCheck#isLocalDevelopment}),
     * the same without {@code Secure} and the {@code __Host-} prefix, so that every browser keeps it.
     */
    public CookieSettings cookieSettings(HttpServletRequest request) {
        CookieSettings configured = latchkey.config().cookie();
        RequestFacts facts = facts(request);
        if (!configured.secure() || originCheck.isSecure(facts)) {
            return configured;
        }
        if (originCheck.isLocalDevelopment(facts)) {
            CookieSettings local = configured.forPlainHttpLoopback();
            diagnostics.once(System.Logger.Level.INFO, "LK-301", "loopback", "plain HTTP from this machine to"
                    + " itself: the session cookie is sent as " + local.name() + " without Secure, for local development."
                    + " " + LOCAL_DEVELOPMENT_RULE);
            return local;
        }
        String origin = originCheck.requestOrigin(facts).orElse("an unparseable host");
        diagnostics.once(System.Logger.Level.WARNING, "LK-302", origin, "a Secure session cookie is sent over plain"
                + " HTTP to " + origin + "; browsers will drop it. Serve HTTPS, or list the TLS proxy in"
                + " latchkey.proxy.trusted so that its X-Forwarded-Proto is believed");
        return configured;
    }

    /** What the start-up summary and LK-301 say about the development cookie. */
    public static final String LOCAL_DEVELOPMENT_RULE = "Only a plain-HTTP connection from a loopback address to a"
            + " loopback address, addressed to localhost, 127.x.x.x or [::1], with no proxy header and not from a"
            + " trusted proxy, gets it; every other request keeps Secure and the configured name"
            + " (latchkey.cookie.loopback-development=false switches it off)";

    /** Adds a cookie to the response unless it is already committed, which is reported as {@link Reason#COOKIE_NOT_WRITTEN}. */
    boolean write(HttpServletRequest request, HttpServletResponse response, SessionCookie cookie) {
        if (response == null) {
            return false;
        }
        if (response.isCommitted()) {
            diagnostics.reject(request, response, Reason.COOKIE_NOT_WRITTEN);
            diagnostics.once(System.Logger.Level.WARNING, Reason.COOKIE_NOT_WRITTEN.messageId(), "committed",
                    Reason.COOKIE_NOT_WRITTEN.hint());
            return false;
        }
        response.addHeader("Set-Cookie", cookie.toSetCookieHeader());
        return true;
    }

    /** The facts of the request the CSRF decision and proxy handling need, gathered once per request. */
    public static RequestFacts facts(HttpServletRequest request) {
        if (request.getAttribute(FACTS_ATTRIBUTE) instanceof RequestFacts known) {
            return known;
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : FACT_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        RequestFacts facts = new RequestFacts(request.getMethod(), request.getScheme(), request.getHeader("Host"),
                request.getRemoteAddr(), request.getLocalAddr(), headers);
        request.setAttribute(FACTS_ATTRIBUTE, facts);
        return facts;
    }

    private static List<String> headers(HttpServletRequest request, String name) {
        var values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }
}
