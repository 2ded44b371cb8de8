package dev.latchkey.internal.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.latchkey.oauth.OAuthProvider;
import dev.latchkey.oauth.OAuthReason;
import dev.latchkey.oauth.ProviderIdentity;
import dev.latchkey.oauth.ProviderTokens;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OpenID Connect provider (Google included), through Nimbus: discovery from the issuer, the
 * authorization request with state, PKCE and nonce, the code exchange, and the ID token checked —
 * signature by the provider's JWKS, issuer, audience, expiry, nonce; never an unsigned token.
 */
final class OidcClient implements ProviderClient {

    static final int TIMEOUT_MILLIS = 5000;

    private final OAuthProvider provider;
    private final Clock clock;
    private final Reach reach;
    private volatile Discovered discovered;

    private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator) {
    }

    OidcClient(OAuthProvider provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
        this.reach = new Reach(clock, false);
    }

    @Override
    public OAuthProvider provider() {
        return provider;
    }

    /** Ready once the metadata was read; after a failed call, once it is read again. */
    @Override
    public boolean ready() {
        return reach.ready(() -> {
            Discovered read = discover();
            if (read != null) {
                discovered = read;
            }
            return read != null;
        });
    }

    @Override
    public long retryAfterSeconds() {
        return reach.retryAfterSeconds();
    }

    private Discovered discover() {
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(provider.issuer()), TIMEOUT_MILLIS,
                    TIMEOUT_MILLIS);
            Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
            if (metadata.getIDTokenJWSAlgs() != null) {
                metadata.getIDTokenJWSAlgs().stream().filter(a -> !"none".equalsIgnoreCase(a.getName())).forEach(algorithms::add);
            }
            if (algorithms.isEmpty()) {
                algorithms.add(JWSAlgorithm.RS256);
            }
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, 512 * 1024)).build();
            IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(provider.clientId()),
                    new JWSVerificationKeySelector<>(algorithms, keys), null);
            return new Discovered(metadata, validator);
        } catch (com.nimbusds.oauth2.sdk.GeneralException e) {
            // Nimbus names what is wrong with the document, such as another issuer: the provider's text, made printable
            reach.failed(FlowFailure.printable(e.getMessage(), 200));
            return null;
        } catch (IOException | RuntimeException e) {
            reach.failed(e.getClass().getSimpleName());
            return null;
        }
    }

    @Override
    public String lastFailure() {
        return reach.lastFailure();
    }

    /**
     * The provider's metadata and ID token validator: as read before, for the callback of a sign-in
     * under way even while the provider counts as unreachable (its call then decides); read now if never read.
     */
    private Discovered discovered() {
        Discovered known = discovered;
        if (known != null || ready()) {
            return discovered;
        }
        throw new FlowFailure(OAuthReason.OAUTH_PROVIDER_UNAVAILABLE, 503, provider.name() + ": the provider's metadata at "
                + provider.issuer() + " cannot be read (" + reach.lastFailure() + ")");
    }

    @Override
    public URI authorizationUri(URI redirectUri, FlowState flow) {
        Discovered discovered = discovered();
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(provider.scopes().toArray(String[]::new)),
                new ClientID(provider.clientId()), redirectUri)
                .endpointURI(discovered.metadata().getAuthorizationEndpointURI())
                .state(new State(flow.state()))
                .nonce(new Nonce(flow.nonce()))
                .codeChallenge(new CodeVerifier(flow.verifier()), CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    @Override
    public void checkIssuer(String iss) {
        OIDCProviderMetadata metadata = discovered().metadata();
        if (iss == null ? metadata.supportsAuthorizationResponseIssuerParam()
                : !iss.equals(metadata.getIssuer().getValue())) {
            throw new FlowFailure(OAuthReason.OAUTH_BAD_CALLBACK, 400, provider.name() + ": the callback's iss "
                    + (iss == null ? "is missing though the provider announces it" : "names another issuer than "
                    + metadata.getIssuer()) + " (a mix-up of providers)");
        }
    }

    @Override
    public Identified identify(String code, URI redirectUri, FlowState flow) {
        Discovered discovered = discovered();
        OIDCTokenResponse tokens = exchange(discovered.metadata(), code, redirectUri, flow);
        IDTokenClaimsSet claims = IdTokenCheck.validate(provider, discovered.validator(), discovered.metadata(),
                tokens.getOIDCTokens().getIDToken(), flow.nonce(), reach);
        String subject = claims.getSubject().getValue();
        Map<String, Object> all = new LinkedHashMap<>(claims.toJSONObject());
        if (claims.getStringClaim("email") == null && discovered.metadata().getUserInfoEndpointURI() != null) {
            UserInfo info = userInfo(discovered.metadata().getUserInfoEndpointURI(), tokens.getOIDCTokens().getBearerAccessToken());
            if (info != null && subject.equals(info.getSubject().getValue())) {
                info.toJSONObject().forEach(all::putIfAbsent);
            }
        }
        String email = all.get("email") instanceof String e ? e : null;
        boolean verified = email != null && (Boolean.TRUE.equals(all.get("email_verified"))
                || "true".equals(all.get("email_verified")));
        String name = all.get("name") instanceof String n ? n : null;
        return new Identified(new ProviderIdentity(provider.name(), subject, email, verified, name, all),
                tokens(tokens.getOIDCTokens()));
    }

    private ProviderTokens tokens(com.nimbusds.openid.connect.sdk.token.OIDCTokens tokens) {
        var access = tokens.getAccessToken();
        return new ProviderTokens(access.getValue(), tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getValue(),
                access.getLifetime() > 0 ? clock.instant().plusSeconds(access.getLifetime()) : null,
                access.getScope() == null ? List.of() : access.getScope().toStringList());
    }

    private OIDCTokenResponse exchange(OIDCProviderMetadata metadata, String code, URI redirectUri, FlowState flow) {
        ClientID client = new ClientID(provider.clientId());
        Secret secret = new Secret(provider.clientSecret());
        var methods = metadata.getTokenEndpointAuthMethods();
        ClientAuthentication authentication = methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                ? new ClientSecretPost(client, secret) : new ClientSecretBasic(client, secret);
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(), authentication,
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(flow.verifier())));
        TokenResponse response;
        try {
            HTTPResponse answer = send(request.toHTTPRequest());
            if (answer.getStatusCode() >= 500) {
                throw new IOException("status " + answer.getStatusCode());
            }
            reach.succeeded();
            response = OIDCTokenResponseParser.parse(answer);
        } catch (IOException e) {
            reach.failed("the token endpoint cannot be reached (" + FlowFailure.printable(e.getMessage(), 60) + ")");
            throw new FlowFailure(OAuthReason.OAUTH_PROVIDER_UNAVAILABLE, 503, provider.name() + ": token endpoint unreachable ("
                    + e.getClass().getSimpleName() + ")");
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new FlowFailure(OAuthReason.OAUTH_CODE_EXCHANGE_FAILED, 400, provider.name() + ": unreadable token response");
        }
        if (!response.indicatesSuccess()) {
            var error = response.toErrorResponse().getErrorObject();
            throw new FlowFailure(OAuthReason.OAUTH_CODE_EXCHANGE_FAILED, 400, provider.name() + ": token endpoint answered "
                    + ProviderError.describe(error.getCode(), error.getDescription()));
        }
        return (OIDCTokenResponse) response.toSuccessResponse();
    }

    private static UserInfo userInfo(URI endpoint, BearerAccessToken token) {
        try {
            UserInfoResponse response = UserInfoResponse.parse(send(new UserInfoRequest(endpoint, token).toHTTPRequest()));
            return response.indicatesSuccess() ? response.toSuccessResponse().getUserInfo() : null;
        } catch (IOException | com.nimbusds.oauth2.sdk.ParseException e) {
            return null;
        }
    }

    static HTTPResponse send(HTTPRequest request) throws IOException {
        request.setConnectTimeout(TIMEOUT_MILLIS);
        request.setReadTimeout(TIMEOUT_MILLIS);
        return request.send();
    }
}
