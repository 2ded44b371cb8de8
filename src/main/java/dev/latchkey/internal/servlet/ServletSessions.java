package dev.latchkey.internal.servlet;

import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.Session;
import dev.latchkey.core.SessionCookie;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.core.SessionValidation;
import dev.latchkey.core.CookieSettings;
import dev.latchkey.throttle.InMemoryAttemptStore;
import dev.latchkey.internal.throttle.SignInThrottle;
import dev.latchkey.throttle.ThrottleSettings;
import dev.latchkey.internal.web.CsrfDecision;
import dev.latchkey.internal.web.OriginCheck;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Sessions over servlet requests: reads a request's token (bearer header first, then the session
 * cookie), validates it once per request, signs in and out, and writes the session cookie — renewed,
 * new or blank — onto the response before the application has written anything. The only place
 * Latchkey sets a cookie. One instance serves the whole application.
 */
public final class ServletSessions {

    /** Seconds a client is told to wait when the session store is down ({@code Retry-After}). */
    public static final long STORE_RETRY_SECONDS = 5;

    /** At most this many well-formed session cookies of one request are looked up. */
    static final int MAX_COOKIES_TRIED = 3;

    private final Latchkey latchkey;
    private final OriginCheck originCheck;
    private final CookiePolicy cookies;
    private final Diagnostics diagnostics;
    private final String loginPage;
    private final SignInGuard guard;

    /**
     * @param latchkey    the sessions
     * @param originCheck the CSRF decision, which also knows the trusted proxies
     * @param diagnostics where rejections are reported
     * @param loginPage   where browsers are sent for protected pages, or {@code null} for a plain 401
     * @param throttle    the sign-in throttle
     */
    public ServletSessions(Latchkey latchkey, OriginCheck originCheck, Diagnostics diagnostics, String loginPage,
            SignInThrottle throttle) {
        this.latchkey = latchkey;
        this.originCheck = originCheck;
        this.cookies = new CookiePolicy(latchkey.config().cookie(), originCheck, diagnostics);
        this.diagnostics = diagnostics;
        this.loginPage = loginPage;
        this.guard = new SignInGuard(throttle, originCheck, diagnostics);
    }

    /** The same without sign-in throttling: for tests and applications that throttle elsewhere. */
    public ServletSessions(Latchkey latchkey, OriginCheck originCheck, Diagnostics diagnostics, String loginPage) {
        this(latchkey, originCheck, diagnostics, loginPage, new SignInThrottle(new InMemoryAttemptStore(),
                Clock.systemUTC(), ThrottleSettings.off()));
    }

    /** Sign-in throttling and refusals. */
    public SignInGuard guard() {
        return guard;
    }

    /** What the start-up summary says about the development cookie. */
    public static String describeDevelopmentCookie(boolean loopbackDevelopment) {
        return CookiePolicy.describe(loopbackDevelopment);
    }

    /** The diagnostics in use. */
    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /** The context-relative login page browsers are sent to for protected resources, or {@code null}. */
    public String loginPage() {
        return loginPage;
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

    /** The CSRF decision for this request, which {@link #resolve} must have seen. */
    public CsrfDecision csrfDecision(HttpServletRequest request, RequestState state) {
        return originCheck.decide(RequestFactsOf.request(request), state.credential());
    }

    private RequestState validate(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> bearer = latchkey.readBearerToken(request.getHeader("Authorization"));
        if (bearer.isPresent()) {
            SessionValidation v = latchkey.validateSession(bearer.get());
            return new RequestState(v.session().orElse(null), v.rejection().orElse(null), false);
        }
        List<String> cookieHeaders = headers(request, "Cookie");
        // Which cookie name applies (the development one or not) is asked only when there are cookies to read.
        CookieSettings settings = cookieHeaders.isEmpty() ? null : cookies.forRequest(request);
        List<String> values = settings == null ? List.of() : settings.valuesIn(cookieHeaders);
        if (values.isEmpty()) {
            boolean crossSite = "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"));
            return new RequestState(null, crossSite ? Reason.NO_TOKEN_CROSS_SITE : Reason.NO_TOKEN, false);
        }
        Reason last = Reason.MALFORMED_TOKEN;
        int tried = 0;
        for (String value : values) {
            if (!Latchkey.isWellFormedToken(value) || tried++ >= MAX_COOKIES_TRIED) {
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
        return originCheck.decideSignIn(RequestFactsOf.request(request)).reason();
    }

    /**
     * Signs a user in: deletes any session the request carried (no fixation), creates a new one and
     * sets its cookie. The token goes only into the {@code HttpOnly} cookie; nothing else in the
     * request holds it. From then on the request's state is the new session.
     *
     * @throws SessionStoreException if the store fails; nothing was set then
     */
    public IssuedSession signIn(HttpServletRequest request, HttpServletResponse response, String userId,
            Collection<String> groups, boolean rememberMe) {
        resolve(request, null).activeSession().ifPresent(old -> latchkey.invalidateSession(old.id()));
        IssuedSession issued = latchkey.createSession(newSession(request, userId, groups, rememberMe));
        write(request, response, latchkey.createSessionCookie(issued.token(), issued.session(), cookies.forRequest(request)));
        request.setAttribute(RequestState.ATTRIBUTE, new RequestState(issued.session(), null, true));
        return issued;
    }

    /**
     * Creates a session whose token is handed to an API client for {@code Authorization: Bearer}:
     * no cookie is set and the request's own state is unchanged.
     *
     * @throws SessionStoreException if the store fails
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

    /** Whether the session's user presented a credential within {@code maxAge}, by Latchkey's clock. */
    public boolean isRecentSignIn(Session session, Duration maxAge) {
        return latchkey.isRecentSignIn(session, maxAge);
    }

    /**
     * Answers a request whose action needs a more recent sign-in ({@code LK-205}): a browser goes to the
     * login page with {@code return} (this request's path and query) and {@code reauth} (the seconds
     * required); any other client gets 401 with the RFC 9470 challenge. Nothing when already committed.
     */
    public void answerRecentSignInRequired(HttpServletRequest request, HttpServletResponse response, Duration maxAge)
            throws IOException {
        answerRecentSignInRequired(request, response, maxAge, request.getRequestURI().substring(request.getContextPath()
                .length()) + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
    }

    /**
     * The same, sending a browser back to {@code target} (a path and query inside the application)
     * rather than to this request once the sign-in is confirmed: for a request that cannot be repeated.
     */
    public void answerRecentSignInRequired(HttpServletRequest request, HttpServletResponse response, Duration maxAge,
            String target) throws IOException {
        diagnostics.reject(request, response, Reason.RECENT_SIGN_IN_REQUIRED);
        if (response.isCommitted()) {
            return;
        }
        String accept = request.getHeader("Accept");
        if (loginPage != null && accept != null && accept.contains("text/html") && "GET".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", request.getContextPath() + loginPage + (loginPage.contains("?") ? "&" : "?")
                    + "return=" + URLEncoder.encode(target, StandardCharsets.UTF_8) + "&reauth=" + maxAge.toSeconds());
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", recentSignInChallenge(maxAge));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Unauthorized: this needs a sign-in within the last " + maxAge.toSeconds()
                + " seconds; confirm your password and try again (" + Reason.RECENT_SIGN_IN_REQUIRED.messageId() + ")\n");
    }

    /**
     * Answers a request whose application code met the session store down through a Latchkey call
     * ({@code LK-106}): 503 with {@code Retry-After}, whatever the application had put in the buffer,
     * and a warning (at most once a minute) naming the exception's class. Nothing when already committed.
     */
    public void answerStoreUnavailable(HttpServletRequest request, HttpServletResponse response, SessionStoreException cause)
            throws IOException {
        diagnostics.reject(request, response, Reason.STORE_UNAVAILABLE);
        diagnostics.warn(Reason.STORE_UNAVAILABLE.message(), "the application's call into Latchkey met the session store"
                + " down; the client was told 503 (" + cause.getClass().getName() + ")");
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Long.toString(STORE_RETRY_SECONDS));
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Service unavailable: the session store cannot be reached; try again shortly ("
                + Reason.STORE_UNAVAILABLE.messageId() + ")\n");
    }

    /** The RFC 9470 step-up challenge. */
    public static String recentSignInChallenge(Duration maxAge) {
        return "Bearer realm=\"latchkey\", error=\"insufficient_user_authentication\","
                + " error_description=\"A more recent sign-in is required\", max_age=" + maxAge.toSeconds();
    }

    /**
     * Records a re-authentication of the request's session (see {@code Latchkey.markAuthenticated}),
     * and makes the request see it.
     *
     * @return whether the session still exists
     */
    public boolean markAuthenticated(HttpServletRequest request, Session session) {
        Optional<Session> marked = latchkey.markAuthenticated(session);
        marked.ifPresent(now -> request.setAttribute(RequestState.ATTRIBUTE,
                new RequestState(now, null, resolve(request, null).viaCookie())));
        return marked.isPresent();
    }

    /**
     * Signs the request's session out. The blank cookie is sent first, whatever happens next, and the
     * request becomes anonymous; then the session is deleted.
     *
     * @throws SessionStoreException if the store fails: the session may still be valid, so the caller
     *                               must not report success
     */
    public void signOut(HttpServletRequest request, HttpServletResponse response) {
        RequestState state = resolve(request, null);
        write(request, response, cookies.forRequest(request).blankCookie());
        request.setAttribute(RequestState.ATTRIBUTE, new RequestState(null, Reason.NO_TOKEN, false));
        if (state.rejection() == Reason.STORE_UNAVAILABLE) {
            // The token could not be checked, so its session could not be deleted: it may still be valid.
            throw new SessionStoreException("sign-out: the session store could not be asked");
        }
        state.activeSession().ifPresent(s -> latchkey.invalidateSession(s.id()));
    }

    /**
     * The cookie settings for this request: the configured ones, or the development cookie on a
     * plain-HTTP connection from this machine to itself.
     */
    public CookieSettings cookieSettings(HttpServletRequest request) {
        return cookies.forRequest(request);
    }

    /**
     * The address the client used for the application's host, {@code scheme://host[:port]}, through
     * trusted proxies; empty when the request's headers do not make one.
     */
    public Optional<String> requestBaseUrl(HttpServletRequest request) {
        return originCheck.requestBaseUrl(RequestFactsOf.request(request));
    }

    /** Adds a cookie of Latchkey's (not the session's) to the response, as the session cookie is written. */
    public void addCookie(HttpServletRequest request, HttpServletResponse response, SessionCookie cookie) {
        write(request, response, cookie);
    }

    /** Adds a cookie to the response unless it is already committed, which is reported as {@link Reason#COOKIE_NOT_WRITTEN}. */
    private void write(HttpServletRequest request, HttpServletResponse response, SessionCookie cookie) {
        if (response == null) {
            return;
        }
        if (response.isCommitted()) {
            diagnostics.reject(request, response, Reason.COOKIE_NOT_WRITTEN);
            diagnostics.once(System.Logger.Level.WARNING, Reason.COOKIE_NOT_WRITTEN.message(), "committed",
                    Reason.COOKIE_NOT_WRITTEN.hint() + "; " + Reason.COOKIE_NOT_WRITTEN.message().fix());
            return;
        }
        response.addHeader("Set-Cookie", cookie.toSetCookieHeader());
    }

    private static List<String> prepend(String first, List<String> rest) {
        rest.add(0, first);
        return rest;
    }

    private static List<String> headers(HttpServletRequest request, String name) {
        var values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        String first = values.nextElement();
        return values.hasMoreElements() ? prepend(first, Collections.list(values)) : List.of(first);
    }
}
