package dev.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.it.support.RawHttp;
import dev.latchkey.it.support.ServerUnderTest;
import dev.latchkey.it.support.WebClient;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated hostile requests against a protected servlet, a protected Jakarta REST
 * method and a public page: malformed, oversized, duplicated and odd-Unicode cookies and bearer
 * headers, {@code Basic} headers, {@code Origin}, {@code Sec-Fetch-Site}, {@code Forwarded} and
 * {@code X-Forwarded-*} variants, every method. None may answer 5xx (but 501, a method the servlet
 * does not implement), none may see protected content, and a real user is served afterwards.
 * Written byte for byte on a socket, so that any byte reaches the server.
 */
interface HostileInputSuite extends ServerUnderTest {

    int HOSTILE_REQUESTS = 3000;
    String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "FOO", "get"};
    String[] TARGETS = {"me", "api/whoami", "public"};

    @Test
    default void thousandsOfHostileRequestsGetNoServerErrorAndNoProtectedContent() {
        Random random = new Random(20261123L);
        InetAddress address = loopback();
        Map<Path, Long> mark = serverLogs().mark();
        Map<String, Integer> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < HOSTILE_REQUESTS; i++) {
            String method = METHODS[random.nextInt(METHODS.length)];
            String target = TARGETS[random.nextInt(TARGETS.length)];
            List<String> headers = hostileHeaders(random);
            String body = method.equals("GET") || method.equals("HEAD") ? null : "username=x&password=" + garbage(random, 20);
            // One in four comes from the trusted proxy, whose forwarding headers are read (X-Forwarded-For,
            // -Proto, -Host in the test application), so garbage there is parsed, not ignored.
            InetAddress from = random.nextInt(4) == 0 ? proxy() : null;
            RawHttp.Response response = RawHttp.send(address, port(), from,
                    RawHttp.request(method, path(target), headers, body));
            counts.merge(target + " " + response.status(), 1, Integer::sum);
            boolean serverError = response.status() >= 500 && response.status() != 501;
            boolean granted = !target.equals("public") && response.status() >= 200 && response.status() < 300
                    && !method.equals("OPTIONS");
            if (serverError || granted || response.status() == 0 || response.body().contains("principal=")) {
                failures.add(method + " " + target + " -> " + response.status() + " with " + printable(headers));
            }
        }
        System.out.println("hostile requests on " + serverLogs() + ": " + counts);
        assertTrue(failures.isEmpty(), failures.size() + " of " + HOSTILE_REQUESTS + " failed, e.g. "
                + failures.subList(0, Math.min(5, failures.size())));
        String log = serverLogs().since(mark);
        long plainHttpWarnings = log.lines().filter(l -> l.contains("LK-302")).count();
        assertTrue(plainHttpWarnings <= 2, "at most one LK-302 line a minute, not one per Host: " + plainHttpWarnings);

        WebClient user = newSignedInUser("after-hostile");
        assertEquals(200, user.get("me").statusCode(), "the server still serves a real user");
    }

    private static InetAddress proxy() {
        try {
            return InetAddress.getByName(dev.latchkey.it.app.SettingsInCode.TRUSTED_PROXY);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> hostileHeaders(Random random) {
        List<String> headers = new ArrayList<>();
        headers.add("Host: " + (random.nextInt(10) == 0 ? "h" + random.nextInt(100_000) + ".example" : "localhost"));
        if (random.nextBoolean()) {
            for (int n = random.nextInt(3) + 1; n > 0; n--) {
                headers.add("Cookie: " + hostileCookie(random));
            }
        }
        if (random.nextInt(3) == 0) {
            headers.add("Authorization: " + hostileAuthorization(random));
        }
        if (random.nextBoolean()) {
            headers.add("Origin: " + pick(random, "null", "https://evil.example", "http://localhost", "http://localhost:1",
                    "https://" + garbage(random, 30), garbage(random, 60), "", "http://[::1", "https://a.b.c.d.e:99999"));
        }
        if (random.nextBoolean()) {
            headers.add("Sec-Fetch-Site: " + pick(random, "cross-site", "same-site", "same-origin", "none", "CROSS-SITE",
                    garbage(random, 12), ""));
        }
        if (random.nextInt(4) == 0) {
            headers.add("Forwarded: " + pick(random, "proto=https;host=evil.example", "for=\"[::1]\";proto=\"https",
                    ";;=,=", "for=" + garbage(random, 40), "host=" + garbage(random, 300)));
        }
        if (random.nextInt(4) == 0) {
            headers.add(pick(random, "X-Forwarded-Proto: https", "X-Forwarded-Host: evil.example",
                    "X-Forwarded-For: " + garbage(random, 40), "X-Forwarded-Proto: " + garbage(random, 10),
                    "X-Real-IP: 127.0.0.1", "Via: 1.1 " + garbage(random, 10), "X-Forwarded-Host: " + garbage(random, 300),
                    "X-Forwarded-For: " + "1.2.3.4, ".repeat(200) + "unknown", "X-Forwarded-For: [::1]:80, ::ffff:10.0.0.1",
                    "X-Real-IP: " + garbage(random, 30), "X-Forwarded-Proto: https, http, " + garbage(random, 5)));
        }
        if (random.nextInt(5) == 0) {
            headers.add("Content-Type: " + pick(random, "application/x-www-form-urlencoded", "text/plain",
                    "multipart/form-data; boundary=" + garbage(random, 10), garbage(random, 20)));
        } else {
            headers.add("Content-Type: application/x-www-form-urlencoded");
        }
        return headers;
    }

    private static String hostileCookie(Random random) {
        String token = token(random);
        return switch (random.nextInt(12)) {
            case 0 -> "latchkey=" + garbage(random, random.nextInt(200));
            case 1 -> "latchkey=" + "x".repeat(4000 + random.nextInt(3000));
            case 2 -> "latchkey=\"" + token + "\"";
            case 3 -> "latchkey=" + token + "; latchkey=" + token(random) + "; latchkey=" + token(random) + "; latchkey=x";
            case 4 -> "latchkey=" + token.replace('a', '\u00e1');
            case 5 -> "latchkey=caf\u00e9; other=\u00ff\u00fe";
            case 6 -> "latchkey=" + token.substring(0, 32) + ".' OR 1=1 --";
            case 7 -> "=; ;;; latchkey; latchkey==; a=b=c";
            case 8 -> "__Host-latchkey=" + token + "; latchkey=" + garbage(random, 20);
            case 9 -> garbage(random, random.nextInt(300));
            case 10 -> "latchkey=" + token + "\u0001";
            default -> "JSESSIONID=" + garbage(random, 30) + "; latchkey=" + token;
        };
    }

    private static String hostileAuthorization(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> "Bearer " + token(random);
            case 1 -> "Bearer";
            case 2 -> "Bearer " + garbage(random, random.nextInt(100));
            case 3 -> "Basic " + garbage(random, random.nextInt(40));
            case 4 -> "Basic Zm9v";
            case 5 -> "Basic ";
            case 6 -> "bearer  " + token(random) + " extra";
            case 7 -> "Bearer " + "z".repeat(5000);
            default -> garbage(random, 50);
        };
    }

    /** A well-formed token no session has: the store is asked and answers "unknown". */
    private static String token(Random random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder token = new StringBuilder(85);
        for (int i = 0; i < 85; i++) {
            token.append(i == 32 ? '.' : alphabet.charAt(random.nextInt(32)));
        }
        return token.toString();
    }

    /**
     * Visible ASCII; one string in five also holds Latin-1 bytes from 0x80 up (non-ASCII text), one in
     * twenty a control byte (never CR or LF, which would end the header line). Servers refuse many
     * such bytes themselves (400), so they are rare enough that most requests reach the application.
     */
    private static String garbage(Random random, int length) {
        int kind = random.nextInt(20);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = (char) (0x20 + random.nextInt(0x5f));
            if (kind < 4 && random.nextInt(8) == 0) {
                c = (char) (0x80 + random.nextInt(0x80));
            } else if (kind == 4 && random.nextInt(16) == 0) {
                do {
                    c = (char) random.nextInt(0x20);
                } while (c == '\r' || c == '\n');
            }
            s.append(c);
        }
        return s.toString();
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private static String printable(List<String> headers) {
        StringBuilder out = new StringBuilder();
        for (String header : headers) {
            for (char c : header.toCharArray()) {
                out.append(c < 0x20 || c > 0x7e ? String.format("\\x%02x", (int) c) : c);
            }
            out.append(" | ");
        }
        return out.length() > 600 ? out.substring(0, 600) + "..." : out.toString();
    }
}
