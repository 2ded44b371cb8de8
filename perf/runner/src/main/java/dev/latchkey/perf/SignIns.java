package dev.latchkey.perf;

import java.io.IOException;
import java.util.Map;

/** Signs in to each application as the load test's user and returns what a client then sends. */
final class SignIns {

    static final String USER = "perf-user";
    static final String PASSWORD = "perf-password";

    private final Http http;

    SignIns(Http http) {
        this.http = http;
    }

    /** A Latchkey cookie ({@code latchkey=...}, the development cookie over plain HTTP from localhost). */
    String latchkeyCookie(String contextRoot, String user) throws IOException, InterruptedException {
        // Latchkey refuses a cookie sign-in from another site: the browser's same-origin headers.
        Map<String, String> sameOrigin = Map.of("Origin", http.base(), "Sec-Fetch-Site", "same-origin");
        Http.Response response = http.postForm(contextRoot + "/signin", form(user), sameOrigin);
        return "latchkey=" + cookie(response, contextRoot, "latchkey");
    }

    /** A Latchkey bearer token (no cookie, no origin headers needed). */
    String bearerToken(String contextRoot) throws IOException, InterruptedException {
        Http.Response response = http.postForm(contextRoot + "/token", form(USER), Map.of());
        expectOk(response, contextRoot + "/token");
        return response.body().strip();
    }

    /** A session cookie of a container or Spring Session application ({@code JSESSIONID} or {@code SESSION}). */
    String sessionCookie(String contextRoot, String name) throws IOException, InterruptedException {
        Http.Response response = http.postForm(contextRoot + "/signin", form(USER), Map.of());
        return name + "=" + cookie(response, contextRoot, name);
    }

    private static String cookie(Http.Response response, String contextRoot, String name) {
        expectOk(response, contextRoot + "/signin");
        return response.cookie(name).orElseThrow(() -> new HarnessException(
                "sign-in at " + contextRoot + " set no cookie " + name + ": " + response.raw().headers().map()));
    }

    private static void expectOk(Http.Response response, String path) {
        if (response.status() != 200) {
            throw new HarnessException("sign-in at " + path + " answered " + response.status() + ": " + response.body());
        }
    }

    private static Map<String, String> form(String user) {
        return Map.of("username", user, "password", PASSWORD);
    }
}
