package dev.latchkey.perf;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Single requests to the server: sign-ins and the checks before each case. No cookie jar: cookies are explicit. */
final class Http {

    /** A response: status, body and the value of each cookie it set. */
    record Response(int status, String body, HttpResponse<String> raw) {

        Optional<String> cookie(String name) {
            return raw.headers().allValues("Set-Cookie").stream()
                    .map(header -> header.split(";", 2)[0].strip())
                    .filter(pair -> pair.startsWith(name + "="))
                    .map(pair -> pair.substring(name.length() + 1))
                    .filter(value -> !value.isEmpty())
                    .findFirst();
        }
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Http(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    Response get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    Response postForm(String path, Map<String, String> form, Map<String, String> headers)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Whether {@code path} answers 200 now (false while the server is down or the application missing). */
    boolean answers(String path) {
        try {
            return get(path, Map.of()).status() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
