package dev.latchkey.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID Connect provider on loopback that can be told to misbehave: its next ID token may come
 * from another issuer, for another audience, expired, with another nonce, unsigned ({@code alg=none})
 * or signed by a key its JWKS does not have. A real provider cannot be made to do that; the happy
 * flows run against mock-oauth2-server, a real one. Checks PKCE ({@code S256}) and takes each code
 * once, as a provider must.
 */
public final class OidcStandIn implements AutoCloseable {

    /** How the next ID token is made. */
    public enum Token {
        VALID, OTHER_ISSUER, OTHER_AUDIENCE, EXPIRED, OTHER_NONCE, UNSIGNED, UNKNOWN_KEY,
        /** For this client and another, naming no authorized party ({@code azp}). */
        SEVERAL_AUDIENCES,
        /** For this client, naming another authorized party. */
        OTHER_AUTHORIZED_PARTY,
        /** For this client and another, naming this client as the authorized party: a valid token. */
        SEVERAL_AUDIENCES_FOR_THIS_CLIENT
    }

    private record Grant(String clientId, String redirectUri, String challenge, String nonce) {
    }

    /** The client the stand-in knows: its id and secret, sent with HTTP Basic. */
    public static final String CLIENT_ID = "latchkey-it";
    public static final String CLIENT_SECRET = "stand-in-secret";

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey strangerKey;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final List<String> issuedTokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> userInfo = new ConcurrentHashMap<>();
    private volatile boolean emailOnlyInUserInfo;
    private volatile String announcedIssuer;
    private volatile Token next = Token.VALID;
    private volatile String error;
    private volatile String errorDescription;
    private volatile boolean down;
    private static final Map<String, Object> DEFAULT_IDENTITY = Map.of("sub", "subject-1", "email", "someone@example.com",
            "email_verified", true, "name", "Some One");
    private volatile Map<String, Object> identity = DEFAULT_IDENTITY;

    public OidcStandIn() {
        try {
            key = new RSAKeyGenerator(2048).keyID("stand-in").generate();
            strangerKey = new RSAKeyGenerator(2048).keyID("stand-in").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/openid-configuration", unlessDown(this::discovery));
        server.createContext("/jwks", unlessDown(x -> send(x, 200, new JWKSet(key.toPublicJWK()).toString())));
        server.createContext("/authorize", unlessDown(this::authorize));
        server.createContext("/token", unlessDown(this::token));
        server.createContext("/userinfo", unlessDown(this::userInfo));
        server.start();
    }

    /** {@code http://localhost:<port>}. */
    public String issuer() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Whether every endpoint answers 503, as a provider whose servers are down behind its load balancer. */
    public void down(boolean value) {
        down = value;
    }

    private com.sun.net.httpserver.HttpHandler unlessDown(com.sun.net.httpserver.HttpHandler handler) {
        return exchange -> {
            if (down) {
                send(exchange, 503, "{\"error\":\"temporarily_unavailable\"}");
            } else {
                handler.handle(exchange);
            }
        };
    }

    /** The next ID token. */
    public void nextToken(Token token) {
        next = token;
    }

    /** The next authorization answers {@code error=<code>} instead of a code ({@code null}: a code). */
    public void nextError(String code) {
        error = code;
    }

    /** The next authorization answers {@code error=<code>&error_description=<description>}. */
    public void nextError(String code, String description) {
        error = code;
        errorDescription = description;
    }

    /** Who the next sign-in is. */
    public void nextIdentity(String subject, String email, boolean verified) {
        identity = Map.of("sub", subject, "email", email, "email_verified", verified, "name", "Some One");
    }

    /** Every sign-in from now on is the stand-in's usual person again. */
    public void defaultIdentity() {
        identity = DEFAULT_IDENTITY;
    }

    /** The issuer the discovery document names ({@code null}: its own), to play a provider impersonating another. */
    public void announceIssuer(String issuer) {
        announcedIssuer = issuer;
    }

    /** Whether the ID token leaves the e-mail address out, so that only the user-info endpoint has it. */
    public void emailOnlyInUserInfo(boolean value) {
        emailOnlyInUserInfo = value;
    }

    /** Every access and refresh token handed out, to search logs and responses for. */
    public List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String i = issuer();
        send(exchange, 200, "{\"issuer\":\"" + (announcedIssuer != null ? announcedIssuer : i) + "\",\"authorization_endpoint\":\"" + i + "/authorize\","
                + "\"token_endpoint\":\"" + i + "/token\",\"jwks_uri\":\"" + i + "/jwks\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                + "\"userinfo_endpoint\":\"" + i + "/userinfo\","
                + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"],"
                + "\"code_challenge_methods_supported\":[\"S256\"]}");
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        String target = q.get("redirect_uri") + (q.get("redirect_uri").contains("?") ? "&" : "?") + "state="
                + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8);
        String code = UUID.randomUUID().toString();
        if (error != null) {
            target += "&error=" + error + (errorDescription == null ? ""
                    : "&error_description=" + URLEncoder.encode(errorDescription, StandardCharsets.UTF_8));
            error = null;
            errorDescription = null;
        } else {
            codes.put(code, new Grant(q.get("client_id"), q.get("redirect_uri"), q.get("code_challenge"), q.get("nonce")));
            target += "&code=" + code;
        }
        exchange.getResponseHeaders().add("Location", target);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Grant grant = codes.remove(String.valueOf(f.get("code")));
        if (grant == null || !grant.redirectUri().equals(f.get("redirect_uri"))
                || !s256(String.valueOf(f.get("code_verifier"))).equals(grant.challenge())) {
            send(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        String access = "at-" + UUID.randomUUID();
        String refresh = "rt-" + UUID.randomUUID();
        issuedTokens.add(access);
        issuedTokens.add(refresh);
        userInfo.put(access, identity);
        send(exchange, 200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"refresh_token\":\"" + refresh + "\",\"id_token\":\"" + idToken(grant) + "\"}");
    }

    private void userInfo(HttpExchange exchange) throws IOException {
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        Map<String, Object> claims = authorization.startsWith("Bearer ") ? userInfo.get(authorization.substring(7)) : null;
        if (claims == null) {
            send(exchange, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        StringBuilder json = new StringBuilder("{");
        claims.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":")
                .append(value instanceof String ? "\"" + value + "\"" : String.valueOf(value)));
        send(exchange, 200, json.append('}').toString());
    }

    private String idToken(Grant grant) {
        Token mode = next;
        next = Token.VALID;
        long now = System.currentTimeMillis();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(mode == Token.OTHER_ISSUER ? "https://evil.example" : issuer())
                .audience(mode == Token.OTHER_AUDIENCE ? List.of("someone-else") : mode == Token.SEVERAL_AUDIENCES
                        || mode == Token.SEVERAL_AUDIENCES_FOR_THIS_CLIENT ? List.of(grant.clientId(), "someone-else")
                        : List.of(grant.clientId()))
                .issueTime(new Date(now - 1000))
                .expirationTime(new Date(mode == Token.EXPIRED ? now - 600_000 : now + 300_000))
                .claim("nonce", mode == Token.OTHER_NONCE ? "another-nonce" : grant.nonce());
        if (mode == Token.OTHER_AUTHORIZED_PARTY) {
            claims.claim("azp", "someone-else");
        } else if (mode == Token.SEVERAL_AUDIENCES_FOR_THIS_CLIENT) {
            claims.claim("azp", grant.clientId());
        }
        identity.forEach((name, value) -> {
            if (!emailOnlyInUserInfo || !name.startsWith("email")) {
                claims.claim(name, value);
            }
        });
        JWTClaimsSet set = claims.subject(String.valueOf(identity.get("sub"))).build();
        if (mode == Token.UNSIGNED) {
            return new PlainJWT(set).serialize();
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stand-in").build(), set);
            jwt.sign(new RSASSASigner(mode == Token.UNKNOWN_KEY ? strangerKey : key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The identity claims of the next token, for tests that compare. */
    public Map<String, Object> identity() {
        return identity;
    }

    /** Codes not yet exchanged. */
    public List<String> openCodes() {
        return List.copyOf(codes.keySet());
    }
}
