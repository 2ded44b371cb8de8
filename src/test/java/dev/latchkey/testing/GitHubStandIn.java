package dev.latchkey.testing;

import static dev.latchkey.testing.OidcStandIn.form;
import static dev.latchkey.testing.OidcStandIn.s256;
import static dev.latchkey.testing.OidcStandIn.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * GitHub's sign-in as it answers on the wire, on loopback: the authorize redirect, the token
 * endpoint (form in, JSON out with {@code Accept: application/json}, errors as 200 with an
 * {@code error} field, PKCE checked), and the REST API's {@code /user} and {@code /user/emails}.
 * GitHub itself cannot be reached from the build; its shape is what is tested here.
 */
public final class GitHubStandIn implements AutoCloseable {

    public static final String CLIENT_ID = "Iv1.latchkeyit";
    public static final String CLIENT_SECRET = "github-stand-in-secret";

    /** One address of the user's, as {@code /user/emails} lists it. */
    public record Email(String email, boolean primary, boolean verified) {
    }

    /** The GitHub user who signs in next. */
    public record User(long id, String login, String name, String publicEmail, List<Email> emails) {
    }

    private record Grant(String redirectUri, String challenge, User user) {
    }

    private final HttpServer server;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, User> tokens = new ConcurrentHashMap<>();
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    private volatile User next = new User(1, "octo", "Octo Cat", null, List.of(new Email("octo@example.com", true, true)));

    public GitHubStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/login/oauth/authorize", this::authorize);
        server.createContext("/login/oauth/access_token", this::token);
        server.createContext("/api/user", this::user);
        server.start();
    }

    /** {@code http://localhost:<port>}: the authorize and token endpoints are under it, the API under {@code /api}. */
    public String base() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The user the next authorization signs in. */
    public void nextUser(User user) {
        next = user;
    }

    /** Every access token handed out. */
    public List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || !"S256".equals(q.get("code_challenge_method"))) {
            send(exchange, 400, "{\"error\":\"unknown client or no PKCE\"}");
            return;
        }
        String code = UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        codes.put(code, new Grant(q.get("redirect_uri"), q.get("code_challenge"), next));
        exchange.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Accept"))) {
            send(exchange, 406, "access_token=&error=this+stand-in+answers+JSON+only");
            return;
        }
        if (!CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
            send(exchange, 200, "{\"error\":\"incorrect_client_credentials\"}");
            return;
        }
        Grant grant = codes.remove(String.valueOf(f.get("code")));
        if (grant == null || !grant.redirectUri().equals(f.get("redirect_uri"))
                || !s256(String.valueOf(f.get("code_verifier"))).equals(grant.challenge())) {
            send(exchange, 200, "{\"error\":\"bad_verification_code\"}");
            return;
        }
        String token = "gho_" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, grant.user());
        issuedTokens.add(token);
        send(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}");
    }

    private void user(HttpExchange exchange) throws IOException {
        String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        User user = authorization.startsWith("Bearer ") ? tokens.get(authorization.substring(7)) : null;
        if (user == null || exchange.getRequestHeaders().getFirst("User-Agent") == null) {
            send(exchange, 401, "{\"message\":\"Bad credentials\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/user")) {
            send(exchange, 200, "{\"login\":\"" + user.login() + "\",\"id\":" + user.id() + ",\"name\":"
                    + quoted(user.name()) + ",\"email\":" + quoted(user.publicEmail()) + "}");
        } else if (path.equals("/api/user/emails")) {
            send(exchange, 200, user.emails().stream().map(e -> "{\"email\":\"" + e.email() + "\",\"primary\":" + e.primary()
                    + ",\"verified\":" + e.verified() + ",\"visibility\":null}").collect(Collectors.joining(",", "[", "]")));
        } else {
            send(exchange, 404, "{\"message\":\"Not Found\"}");
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
