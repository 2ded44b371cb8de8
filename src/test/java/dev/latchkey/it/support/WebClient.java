package dev.latchkey.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One HTTP client with its own cookies, like one browser profile: keeps what {@code Set-Cookie}
 * sets (and drops what {@code Max-Age=0} deletes), follows no redirects.
 */
public final class WebClient {

    // HTTP/1.1 as browsers speak it over plain http (no h2c upgrade); one connection pool per profile.
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;
    private final Map<String, String> cookies;
    private final StringBuilder transcript = new StringBuilder();

    public WebClient(URL base) {
        this(base, new LinkedHashMap<>());
    }

    /**
     * A profile whose cookies are {@code cookies}: profiles on two servers sharing one map are one
     * browser behind a load balancer that sends each request to either.
     */
    public WebClient(URL base, Map<String, String> cookies) {
        this.cookies = cookies;
        // Always talk to the server over loopback, whatever address it reports for itself.
        String path = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
        this.base = URI.create(base.getProtocol() + "://localhost:" + base.getPort() + path);
    }

    /** The origin of the application, as a browser would send it in {@code Origin}. */
    public String origin() {
        return base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
    }

    /**
     * Follows a redirect as a browser does: a GET of its {@code Location}, which may be another site
     * (a provider), with this profile's cookies only when it is the application's host and port.
     */
    public HttpResponse<String> follow(HttpResponse<String> redirect, String... headers) {
        URI target = redirect.uri().resolve(redirect.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location in a " + redirect.statusCode() + ": " + redirect.body())));
        return visit(target, headers);
    }

    /** A GET of an absolute URL, with this profile's cookies only when it is the application's host and port. */
    public HttpResponse<String> visit(URI target, String... headers) {
        boolean ours = target.getHost().equals(base.getHost()) && target.getPort() == base.getPort();
        return send(HttpRequest.newBuilder(target).GET(), ours, headers);
    }

    /** Everything the server answered this profile: status lines, headers and bodies. */
    public String transcript() {
        return transcript.toString();
    }

    public HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(builder, headers);
    }

    /** A same-origin form post, as a browser sends it from a page of the application. */
    public HttpResponse<String> postSameOrigin(String path, Map<String, String> form) {
        return post(path, form, "Origin", origin(), "Sec-Fetch-Site", "same-origin");
    }

    private HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
        return send(builder, true, headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder, boolean withCookies, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        boolean cookieGiven = false;
        for (int i = 0; i < headers.length; i += 2) {
            cookieGiven |= headers[i].equalsIgnoreCase("Cookie");
        }
        if (withCookies && !cookieGiven && !cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = client.send(builder.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            transcript.append(response.statusCode()).append(' ').append(response.uri()).append('\n')
                    .append(response.headers().map()).append('\n').append(response.body()).append('\n');
            if (!withCookies) {
                return response;
            }
            for (String setCookie : setCookies(response)) {
                String pair = setCookie.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (setCookie.contains("Max-Age=0") || value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static List<String> setCookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie");
    }
}
