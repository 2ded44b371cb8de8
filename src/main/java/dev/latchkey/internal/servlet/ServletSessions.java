package dev.latchkey.internal.servlet;

import dev.latchkey.core.CookieSettings;
import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.Message;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.Rejection;
import dev.latchkey.core.Session;
import dev.latchkey.core.SessionCookie;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.core.SignInRefusal;
import dev.latchkey.internal.throttle.SignInThrottle;
import dev.latchkey.internal.web.CsrfDecision;
import dev.latchkey.internal.web.OriginCheck;
import dev.latchkey.throttle.InMemoryAttemptStore;
import dev.latchkey.throttle.ThrottleSettings;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Sessions over servlet requests, for the mechanism, the filter, the CDI beans and the OAuth flow:
 * each method is one thing a caller means — resolve the request's session, admit it past the CSRF
 * rule, sign in with a credential, sign out, answer a need for a more recent sign-in. The request's
 * facts (headers, addresses, scheme) are gathered once per request, at their first use
 * ({@link RequestFactsOf}), and every decision below reads those facts. One instance serves the whole application.
 */
public final class ServletSessions {

    private final Latchkey latchkey;
    private final OriginCheck originCheck;
    private final ResponseCookies cookies;
    private final TokenReader tokens;
    private final Diagnostics diagnostics;
    private final Answers answers;
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
        this.cookies = new ResponseCookies(new CookiePolicy(latchkey.config().cookie(), originCheck, diagnostics), diagnostics);
        this.tokens = new TokenReader(latchkey, cookies);
        this.diagnostics = diagnostics;
        this.answers = new Answers(diagnostics, loginPage);
        this.guard = new SignInGuard(throttle, originCheck, diagnostics);
    }

    /** The same without sign-in throttling: for tests and applications that throttle elsewhere. */
    public ServletSessions(Latchkey latchkey, OriginCheck originCheck, Diagnostics diagnostics, String loginPage) {
        this(latchkey, originCheck, diagnostics, loginPage, new SignInThrottle(new InMemoryAttemptStore(),
                Clock.systemUTC(), ThrottleSettings.off()));
    }

    /** What the start-up summary says about the development cookie. */
    public static String describeDevelopmentCookie(boolean loopbackDevelopment) {
        return CookiePolicy.describe(loopbackDevelopment);
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
        RequestState state = tokens.read(request, response);
        request.setAttribute(RequestState.ATTRIBUTE, state);
        if (state.rejection() != null && state.rejection() != Reason.NO_TOKEN) {
            diagnostics.reject(request, response, state.rejection());
        }
        return state;
    }

    /**
     * Applies the CSRF rule to a resolved request: {@code true} to go on; {@code false} when it was
     * refused, and answered 403 with the reason.
     */
    public boolean admit(HttpServletRequest request, HttpServletResponse response, RequestState state) throws IOException {
        CsrfDecision decision = originCheck.decide(RequestFactsOf.request(request), state.credential());
        if (!decision.allowed()) {
            answers.crossSite(request, response, decision.rejection());
        }
        return decision.allowed();
    }

    /** Where a browser asking for a protected page without a session is sent: the login page, if one is set. */
    public Optional<String> loginRedirect(HttpServletRequest request) {
        return Optional.ofNullable(answers.loginRedirect(request));
    }

    /**
     * Whether a sign-in that sets the session cookie must be refused on this request: the origin rule of
     * a cookie-authenticated request ({@link OriginCheck#decideSignIn}), so that no other site can sign
     * a victim's browser in to its author's account. Ask before checking the credential.
     *
     * @return the reason to refuse, or empty to go ahead
     */
    public Optional<Reason> crossSiteSignIn(HttpServletRequest request) {
        return originCheck.decideSignIn(RequestFactsOf.request(request)).reason();
    }

    /**
     * A sign-in with a credential, as the mechanism runs it: the origin rule first, then the throttle and
     * the identity stores ({@link #checkCredential}), then the session and its cookie. Every refusal is
     * reported and recorded for {@code UserSessions.lastRefusal()}; a throttled one also sets 429 and
     * {@code Retry-After}.
     */
    public SignInResult signIn(HttpServletRequest request, HttpServletResponse response, Credential credential,
            IdentityStoreHandler identityStores, boolean rememberMe) {
        Optional<Reason> crossSite = crossSiteSignIn(request);
        if (crossSite.isPresent()) {
            guard.refuse(request, response, new SignInRefusal(crossSite.get(), Optional.empty()));
            return SignInResult.refused(SignInResult.Outcome.CROSS_SITE, crossSite.get());
        }
        try {
            Optional<CredentialValidationResult> valid = guard.validate(request, response, credential, identityStores);
            if (valid.isEmpty()) {
                boolean throttled = lastRefusal(request).filter(r -> r.reason() == Reason.SIGN_IN_THROTTLED).isPresent();
                return throttled ? SignInResult.refused(SignInResult.Outcome.THROTTLED, Reason.SIGN_IN_THROTTLED)
                        : SignInResult.refused(SignInResult.Outcome.WRONG_CREDENTIAL, Reason.INVALID_CREDENTIALS);
            }
            signIn(request, response, valid.get().getCallerPrincipal().getName(), valid.get().getCallerGroups(), rememberMe);
            return new SignInResult(SignInResult.Outcome.SIGNED_IN, valid.get(), null);
        } catch (SessionStoreException e) {
            diagnostics.warn(Message.STORE_UNAVAILABLE, "sign-in failed: the store is unavailable (" + e.getClass().getName() + ")");
            guard.refuse(request, response, new SignInRefusal(Reason.STORE_UNAVAILABLE,
                    Optional.of(Duration.ofSeconds(Challenges.STORE_RETRY_SECONDS))));
            return SignInResult.refused(SignInResult.Outcome.STORE_UNAVAILABLE, Reason.STORE_UNAVAILABLE);
        }
    }

    /**
     * Checks a credential as every sign-in does, throttling included, without signing in; empty (with the
     * refusal recorded) when refused.
     *
     * @throws SessionStoreException when the counters cannot be read or written
     */
    public Optional<CredentialValidationResult> checkCredential(HttpServletRequest request, Credential credential,
            IdentityStoreHandler identityStores) {
        return guard.validate(request, null, credential, identityStores);
    }

    /** Why this request's last sign-in or re-authentication was refused, if it was. */
    public Optional<SignInRefusal> lastRefusal(HttpServletRequest request) {
        return SignInGuard.refusal(request);
    }

    /** Records a credential that is valid but not the one asked for (a re-authentication as someone else) as refused. */
    public void refuseCredential(HttpServletRequest request) {
        guard.refuse(request, null, new SignInRefusal(Reason.INVALID_CREDENTIALS, Optional.empty()));
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
        cookies.write(request, response, latchkey.createSessionCookie(issued.token(), issued.session(), cookies.settings(request)));
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
        answers.recentSignInRequired(request, response, maxAge, request.getRequestURI().substring(request.getContextPath()
                .length()) + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
    }

    /**
     * The same, sending a browser back to {@code target} (a path and query inside the application)
     * rather than to this request once the sign-in is confirmed: for a request that cannot be repeated.
     */
    public void answerRecentSignInRequired(HttpServletRequest request, HttpServletResponse response, Duration maxAge,
            String target) throws IOException {
        answers.recentSignInRequired(request, response, maxAge, target);
    }

    /**
     * Answers a request whose application code met the session store down through a Latchkey call
     * ({@code LK-106}): 503 with {@code Retry-After}. Nothing when already committed.
     */
    public void answerStoreUnavailable(HttpServletRequest request, HttpServletResponse response, SessionStoreException cause)
            throws IOException {
        answers.storeUnavailable(request, response, cause);
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
     * @return {@code true} when signed out; {@code false} when the store could not be asked (reported and
     *         warned about): the session may still be valid, so the caller must not report success
     */
    public boolean signOut(HttpServletRequest request, HttpServletResponse response) {
        RequestState state = resolve(request, null);
        cookies.write(request, response, cookies.settings(request).blankCookie());
        request.setAttribute(RequestState.ATTRIBUTE, new RequestState(null, Reason.NO_TOKEN, false));
        try {
            if (state.rejection() == Reason.STORE_UNAVAILABLE) {
                // The token could not be checked, so its session could not be deleted: it may still be valid.
                throw new SessionStoreException("sign-out: the session store could not be asked");
            }
            state.activeSession().ifPresent(s -> latchkey.invalidateSession(s.id()));
            return true;
        } catch (SessionStoreException e) {
            diagnostics.warn(Message.STORE_UNAVAILABLE, "sign-out failed: the store is unavailable, so the session may"
                    + " still be valid; the client was told 503 (" + e.getClass().getName() + ")");
            diagnostics.reject(request, response, Reason.STORE_UNAVAILABLE);
            return false;
        }
    }

    /**
     * Reports a refusal of Latchkey's own (the OAuth flow's), with a detail of Latchkey's making for the
     * debug line, and also as a warning (at most once a minute per id) when it points at the settings.
     */
    public void reportRefusal(HttpServletRequest request, HttpServletResponse response, Rejection reason, String detail,
            boolean warn) {
        diagnostics.reject(request, response, reason, detail);
        if (warn) {
            diagnostics.warn(reason.message(), reason.name() + ": " + detail);
        }
    }

    /**
     * The cookie settings for this request: the configured ones, or the development cookie on a
     * plain-HTTP connection from this machine to itself.
     */
    public CookieSettings cookieSettings(HttpServletRequest request) {
        return cookies.settings(request);
    }

    /** The client's address, through trusted proxies, as sign-in throttling counts it. */
    public String clientAddress(HttpServletRequest request) {
        return originCheck.clientAddress(RequestFactsOf.request(request));
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
        cookies.write(request, response, cookie);
    }
}
