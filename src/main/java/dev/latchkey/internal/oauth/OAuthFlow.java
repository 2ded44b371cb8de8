package dev.latchkey.internal.oauth;

import dev.latchkey.internal.web.ReturnPath;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.SameSite;
import dev.latchkey.core.Session;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.oauth.OAuthProvider;
import dev.latchkey.oauth.OAuthReason;
import dev.latchkey.oauth.OAuthRefusal;
import dev.latchkey.oauth.OAuthSignIn;
import dev.latchkey.oauth.OAuthUser;
import dev.latchkey.oauth.OAuthUsers;
import dev.latchkey.oauth.ProviderIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two requests of a sign-in with a provider. The start ({@code GET /latchkey/oauth/<name>})
 * sets the state cookie and sends the browser to the provider; the callback checks the cookie
 * against the state that came back, lets the provider's client exchange the code and say who signed
 * in, asks {@link OAuthUsers} who that is, creates the session as a password sign-in does, and sends
 * the browser back to the page it came from. Every failure is a plain 4xx (503 when the provider
 * cannot be reached) with its reason; the state cookie is cleared on every callback: it is good once.
 */
final class OAuthFlow {

    static final String START_PREFIX = "/latchkey/oauth/";
    /** Linking a provider needs a sign-in (or re-authentication) at most this old. */
    static final Duration LINK_MAX_AGE = OAuthSignIn.LINK_MAX_AGE;
    private static final int MAX_PARAMETER_LENGTH = 2048;
    private final Map<String, ProviderClient> byName = new LinkedHashMap<>();
    private final Map<String, ProviderClient> byCallback = new LinkedHashMap<>();
    private final ServletSessions sessions;
    private final OAuthUsers users;
    private final Clock clock;
    private final StateCookie stateCookie;
    private final FlowAnswers answers;
    private final SecureRandom random = new SecureRandom();

    OAuthFlow(List<ProviderClient> clients, ServletSessions sessions, OAuthUsers users, Clock clock, FlowSeal seal) {
        for (ProviderClient client : clients) {
            byName.put(client.provider().name(), client);
            byCallback.put(client.provider().callbackPath(), client);
        }
        this.sessions = sessions;
        this.users = users;
        this.clock = clock;
        this.stateCookie = new StateCookie(sessions, seal, clock);
        this.answers = new FlowAnswers(sessions);
    }

    /** Whether the request is the start or the callback of a sign-in with a provider. */
    boolean handles(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith(START_PREFIX) || byCallback.containsKey(path);
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        // the callback's URL holds the code and the state: no page that follows may send it on as a Referer
        response.setHeader("Referrer-Policy", "no-referrer");
        String path = path(request);
        ProviderClient callback = byCallback.get(path);
        try {
            String method = request.getMethod();
            if (callback != null) {
                allow(method, "GET");
                callback(callback, request, response);
            } else {
                allow(method, "GET, POST");
                start(path.substring(START_PREFIX.length()), request, response);
            }
        } catch (FlowFailure failure) {
            answers.refuse(request, response, callback, failure);
        } catch (OAuthRefusal refusal) {
            answers.refuse(request, response, callback, new FlowFailure(refusal.reason(), 403, "refused by the application"));
        } catch (SessionStoreException e) {
            answers.refuse(request, response, callback, new FlowFailure(Reason.STORE_UNAVAILABLE, 503, e.getClass().getSimpleName()));
        }
    }

    private void start(String name, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProviderClient client = byName.get(name);
        if (client == null) {
            throw new FlowFailure(OAuthReason.OAUTH_UNKNOWN_PROVIDER, 404, "no provider at this path");
        }
        Map<String, String> parameters = parameters(request, "return", "link", "remember");
        Optional<Reason> refused = sessions.crossSiteSignIn(request);
        if (refused.isPresent()) {
            throw new FlowFailure(refused.get(), 403, name + ": a sign-in started by another site");
        }
        String returnPath = parameters.get("return");
        if (ReturnPath.startsWithContextPath(returnPath, request.getContextPath())) {
            throw new FlowFailure(OAuthReason.OAUTH_BAD_CALLBACK, 400, name + ": return= begins with the context path "
                    + request.getContextPath() + ", which Latchkey puts in front itself: give the path inside the application");
        }
        String linkSession = null;
        if (parameters.containsKey("link")) {
            Session current = sessions.resolve(request, response).session();
            if (current == null) {
                throw new FlowFailure(Reason.NO_TOKEN, 401, name + ": linking a provider needs a signed-in user");
            }
            if (!sessions.isRecentSignIn(current, LINK_MAX_AGE)) {
                // A stolen cookie must not add the thief's provider account as a permanent way in.
                sessions.answerRecentSignInRequired(request, response, LINK_MAX_AGE);
                return;
            }
            linkSession = FlowState.sessionHash(current.id());
        }
        if (!client.ready()) {
            response.setHeader("Retry-After", Long.toString(client.retryAfterSeconds()));
            throw new FlowFailure(OAuthReason.OAUTH_PROVIDER_UNAVAILABLE, 503, name + ": the provider could not be reached");
        }
        FlowState flow = FlowState.start(random, clock.instant(), name, parameters.containsKey("remember"),
                ReturnPath.check(returnPath), linkSession);
        URI redirectUri = redirectUri(client.provider(), request);
        stateCookie.set(request, response, flow);
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", client.authorizationUri(redirectUri, flow).toString());
    }

    private void callback(ProviderClient client, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        FlowState flow = stateCookie.take(request, response, client.provider().name());
        Map<String, String> parameters = parameters(request, "code", "state", "error", "error_description",
                "error_uri", "iss", "scope", "authuser", "hd", "prompt", "session_state");
        String state = parameters.get("state");
        if (state == null) {
            throw new FlowFailure(OAuthReason.OAUTH_BAD_CALLBACK, 400, "no state parameter");
        }
        if (!MessageDigest.isEqual(state.getBytes(StandardCharsets.US_ASCII), flow.state().getBytes(StandardCharsets.US_ASCII))) {
            throw new FlowFailure(OAuthReason.OAUTH_STATE_MISMATCH, 400, client.provider().name() + ": state mismatch");
        }
        String error = parameters.get("error");
        if (error != null) {
            String said = client.provider().name() + ": " + ProviderError.describe(error, parameters.get("error_description"));
            throw ProviderError.userDeclined(error) ? FlowFailure.declined(said)
                    : new FlowFailure(OAuthReason.OAUTH_PROVIDER_ERROR, 400, said);
        }
        String code = parameters.get("code");
        if (code == null || code.isEmpty()) {
            throw new FlowFailure(OAuthReason.OAUTH_BAD_CALLBACK, 400, "no code parameter");
        }
        client.checkIssuer(parameters.get("iss"));
        Session linking = flow.link() ? linkingSession(client, flow, request, response) : null;
        if (flow.link() && linking == null) {
            return; // answered: a more recent sign-in is needed first
        }
        Identified identified = client.identify(code, redirectUri(client.provider(), request), flow);
        ProviderIdentity identity = identified.identity();
        if (!NewSession.isValidUserId(identity.subject())) {
            // OpenID Connect bounds a subject at 255 characters; a longer or malformed one is kept by nobody
            throw new FlowFailure(OAuthReason.OAUTH_IDENTITY_REFUSED, 403, identity.provider() + ": the provider's subject is"
                    + " not 1-255 characters of text");
        }
        if (linking != null) {
            if (!users.link(identity, linking.userId())) {
                throw new FlowFailure(OAuthReason.OAUTH_IDENTITY_REFUSED, 403, identity.provider() + ": linking refused");
            }
            keepTokens(client, identified, linking.userId());
        } else {
            OAuthUser user = users.signIn(identity).orElseThrow(() -> new FlowFailure(OAuthReason.OAUTH_IDENTITY_REFUSED, 403,
                    identity.provider() + ": the application refused the identity"));
            // kept before the session is made: a failure to keep them leaves the browser signed out, as it is told
            keepTokens(client, identified, user.userId());
            sessions.signIn(request, response, user.userId(), user.groups(), flow.rememberMe());
        }
        answers.sendBack(request, response, request.getContextPath() + flow.returnPath());
    }

    private void keepTokens(ProviderClient client, Identified identified, String userId) {
        if (client.provider().keepTokens()) {
            users.keepTokens(identified.identity(), userId, identified.tokens());
        }
    }

    /**
     * The session a link flow adds an identity to, checked before the provider is asked: the session
     * that started the flow (the cookie's hash of its id), still signed in recently enough. {@code null}
     * when the request was answered with the need for a more recent sign-in, which, once given, starts
     * the link again.
     */
    private Session linkingSession(ProviderClient client, FlowState flow, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String name = client.provider().name();
        Session current = sessions.resolve(request, response).session();
        if (current == null) {
            throw new FlowFailure(Reason.NO_TOKEN, 401, name + ": linking needs the session cookie on the callback, which"
                    + " SameSite=Strict keeps away");
        }
        if (!MessageDigest.isEqual(FlowState.sessionHash(current.id()).getBytes(StandardCharsets.US_ASCII),
                flow.linkSession().getBytes(StandardCharsets.US_ASCII))) {
            throw new FlowFailure(OAuthReason.OAUTH_STATE_MISMATCH, 400, name + ": the link was started by another session");
        }
        if (!sessions.isRecentSignIn(current, LINK_MAX_AGE)) {
            sessions.answerRecentSignInRequired(request, response, LINK_MAX_AGE, START_PREFIX + name + "?link&return="
                    + java.net.URLEncoder.encode(flow.returnPath(), StandardCharsets.UTF_8));
            return null;
        }
        return current;
    }

    private static void allow(String method, String allowed) {
        if (!List.of(allowed.split(", ")).contains(method)) {
            throw new FlowFailure(OAuthReason.OAUTH_BAD_CALLBACK, 405, "method " + method);
        }
    }

    private URI redirectUri(OAuthProvider provider, HttpServletRequest request) {
        if (provider.redirectUri() != null) {
            return provider.redirectUri();
        }
        String base = sessions.requestBaseUrl(request).orElseThrow(() -> new FlowFailure(OAuthReason.OAUTH_BAD_CALLBACK, 400,
                "the request's Host header makes no address to come back to"));
        return URI.create(base + request.getContextPath() + provider.callbackPath());
    }

    /** The parameters of the query, each at most once and not too long; any other parameter is ignored. */
    private static Map<String, String> parameters(HttpServletRequest request, String... names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            String[] given;
            try {
                given = request.getParameterValues(name);
            } catch (RuntimeException unreadable) {
                // Open Liberty throws on a query with a malformed %-escape; the others skip the pair
                throw new FlowFailure(OAuthReason.OAUTH_BAD_CALLBACK, 400, "the query cannot be decoded");
            }
            if (given == null) {
                continue;
            }
            if (given.length > 1 || given[0].length() > MAX_PARAMETER_LENGTH) {
                throw new FlowFailure(OAuthReason.OAUTH_BAD_CALLBACK, 400, "parameter " + name + " repeated or too long");
            }
            values.put(name, given[0]);
        }
        return values;
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri != null && context != null && uri.startsWith(context) ? uri.substring(context.length()) : "";
    }
}
