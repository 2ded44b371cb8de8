package dev.latchkey.internal.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.JSONArrayUtils;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.latchkey.oauth.OAuthProvider;
import dev.latchkey.oauth.OAuthReason;
import dev.latchkey.oauth.ProviderIdentity;
import dev.latchkey.oauth.ProviderTokens;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * GitHub: OAuth 2.0 without OpenID Connect. The code is exchanged at the token endpoint (with PKCE),
 * then the REST API says who signed in ({@code /user}: the numeric id is the subject) and which
 * address is the primary, verified one ({@code /user/emails}). Only that address counts as verified.
 */
final class GitHubClient implements ProviderClient {

    private final OAuthProvider provider;
    private final Clock clock;
    private final Reach reach;

    GitHubClient(OAuthProvider provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
        this.reach = new Reach(clock, true);
    }

    @Override
    public OAuthProvider provider() {
        return provider;
    }

    /** Ready until a call fails; then once the authorization endpoint answers again (any answer but a 5xx). */
    @Override
    public boolean ready() {
        return reach.ready(() -> {
            try {
                int status = OidcClient.send(new HTTPRequest(HTTPRequest.Method.GET, provider.authorizationEndpoint()))
                        .getStatusCode();
                if (status < 500) {
                    return true;
                }
                reach.failed("the authorization endpoint answered " + status);
            } catch (IOException e) {
                reach.failed("the authorization endpoint cannot be reached (" + e.getClass().getSimpleName() + ")");
            }
            return false;
        });
    }

    @Override
    public long retryAfterSeconds() {
        return reach.retryAfterSeconds();
    }

    @Override
    public String lastFailure() {
        return reach.lastFailure();
    }

    @Override
    public URI authorizationUri(URI redirectUri, FlowState flow) {
        return new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(provider.clientId()))
                .endpointURI(provider.authorizationEndpoint())
                .redirectionURI(redirectUri)
                .scope(new Scope(provider.scopes().toArray(String[]::new)))
                .state(new State(flow.state()))
                .codeChallenge(new CodeVerifier(flow.verifier()), CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    @Override
    public Identified identify(String code, URI redirectUri, FlowState flow) {
        ProviderTokens tokens = exchange(code, redirectUri, flow);
        String accessToken = tokens.accessToken();
        Map<String, Object> user = object(get("/user", accessToken), "user");
        Object id = user.get("id");
        if (!(id instanceof Number)) {
            throw new FlowFailure(OAuthReason.OAUTH_CODE_EXCHANGE_FAILED, 400, provider.name() + ": the user answer has no id");
        }
        String primaryVerified = null;
        try {
            List<Object> emails = JSONArrayUtils.parse(get("/user/emails", accessToken));
            for (Object entry : emails) {
                if (entry instanceof Map<?, ?> email && Boolean.TRUE.equals(email.get("primary"))
                        && Boolean.TRUE.equals(email.get("verified")) && email.get("email") instanceof String address) {
                    primaryVerified = address;
                }
            }
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new FlowFailure(OAuthReason.OAUTH_CODE_EXCHANGE_FAILED, 400, provider.name() + ": unreadable e-mail list");
        }
        String name = user.get("name") instanceof String n ? n : user.get("login") instanceof String login ? login : null;
        String email = primaryVerified != null ? primaryVerified : user.get("email") instanceof String e ? e : null;
        return new Identified(new ProviderIdentity(provider.name(), Long.toString(((Number) id).longValue()), email,
                primaryVerified != null, name, user), tokens);
    }

    private ProviderTokens exchange(String code, URI redirectUri, FlowState flow) {
        TokenRequest request = new TokenRequest(provider.tokenEndpoint(),
                new ClientSecretPost(new ClientID(provider.clientId()), new Secret(provider.clientSecret())),
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(flow.verifier())));
        HTTPRequest http = request.toHTTPRequest();
        http.setAccept("application/json");
        Map<String, Object> answer = object(send(http, "token endpoint"), "token");
        if (answer.get("access_token") instanceof String token && !token.isEmpty()) {
            // GitHub Apps with expiring tokens also give a refresh token and lifetimes; OAuth Apps give neither
            return new ProviderTokens(token, answer.get("refresh_token") instanceof String refresh ? refresh : null,
                    answer.get("expires_in") instanceof Number seconds ? clock.instant().plusSeconds(seconds.longValue()) : null,
                    answer.get("scope") instanceof String scope ? List.of(scope.split(",")) : List.of());
        }
        throw new FlowFailure(OAuthReason.OAUTH_CODE_EXCHANGE_FAILED, 400, provider.name() + ": token endpoint answered "
                + (answer.get("error") instanceof String error ? ProviderError.describe(error,
                answer.get("error_description") instanceof String description ? description : null) : "without an access token"));
    }

    private String get(String path, String accessToken) {
        HTTPRequest http = new HTTPRequest(HTTPRequest.Method.GET, URI.create(provider.apiUrl().toString().replaceAll("/$", "")
                + path));
        http.setAuthorization("Bearer " + accessToken);
        http.setAccept("application/vnd.github+json");
        http.setHeader("User-Agent", "Latchkey");
        http.setHeader("X-GitHub-Api-Version", "2022-11-28");
        return send(http, path);
    }

    private String send(HTTPRequest http, String what) {
        HTTPResponse response;
        try {
            response = OidcClient.send(http);
            if (response.getStatusCode() >= 500) {
                throw new IOException("status " + response.getStatusCode());
            }
            reach.succeeded();
        } catch (IOException e) {
            reach.failed(what + " cannot be reached (" + FlowFailure.printable(e.getMessage(), 60) + ")");
            throw new FlowFailure(OAuthReason.OAUTH_PROVIDER_UNAVAILABLE, 503, provider.name() + ": " + what + " unreachable ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (response.getStatusCode() != 200) {
            throw new FlowFailure(OAuthReason.OAUTH_CODE_EXCHANGE_FAILED, 400, provider.name() + ": " + what + " answered "
                    + response.getStatusCode());
        }
        return response.getBody();
    }

    private Map<String, Object> object(String body, String what) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new FlowFailure(OAuthReason.OAUTH_CODE_EXCHANGE_FAILED, 400, provider.name() + ": unreadable " + what + " answer");
        }
    }
}
