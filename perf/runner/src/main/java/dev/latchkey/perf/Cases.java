package dev.latchkey.perf;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The measured cases, with the cookies and token they send, signed in once per application. */
final class Cases {

    static final String LATCHKEY = "/lk";
    static final String LATCHKEY_CACHE = "/lkc";
    static final String HTTP_SESSION = "/hs";
    static final String SPRING_SESSION = "/ss";
    static final String HTTP_SESSION_SECURITY = "/hss";
    static final String LATCHKEY_JPQL = "/lkj";
    static final String LATCHKEY_REDIS = "/lkr";
    static final int CEILING = 1;
    static final int LATCHKEY_COOKIE = 2;
    static final int HTTP_SESSION_CASE = 5;
    static final int SPRING_SESSION_CASE = 6;
    static final int CACHED = 7;
    static final int HTTP_SESSION_SECURITY_CASE = 8;
    static final int JPQL_READ = 9;
    static final int REDIS_STORE = 10;
    /** How many cases there are, numbered from 1. */
    static final int COUNT = 10;

    private Cases() {
    }

    /**
     * All cases; those in {@code pending} (case 7 or 10, whose application did not deploy) get no cookie
     * and are reported pending.
     */
    static List<LoadCase> create(SignIns signIns, Set<Integer> pending) throws IOException, InterruptedException {
        String latchkey = signIns.latchkeyCookie(LATCHKEY, SignIns.USER);
        String bearer = signIns.bearerToken(LATCHKEY);
        String jsessionid = signIns.sessionCookie(HTTP_SESSION, "JSESSIONID");
        String springSession = signIns.sessionCookie(SPRING_SESSION, "SESSION");
        String securitySession = signIns.sessionCookie(HTTP_SESSION_SECURITY, "JSESSIONID");
        String jpql = signIns.latchkeyCookie(LATCHKEY_JPQL, SignIns.USER);
        Map<String, String> cached = pending.contains(CACHED) ? Map.of()
                : cookie(signIns.latchkeyCookie(LATCHKEY_CACHE, SignIns.USER));
        Map<String, String> redis = pending.contains(REDIS_STORE) ? Map.of()
                : cookie(signIns.latchkeyCookie(LATCHKEY_REDIS, SignIns.USER));
        return List.of(
                new LoadCase(CEILING, "public", "/lk/public, no cookie (ceiling)", "1 public",
                        LATCHKEY + "/public", Map.of(), "public"),
                new LoadCase(LATCHKEY_COOKIE, "latchkey-cookie", "/lk/protected, Latchkey cookie", "2 cookie",
                        LATCHKEY + "/protected", cookie(latchkey), SignIns.USER),
                new LoadCase(3, "latchkey-bearer", "/lk/protected, bearer token", "3 bearer",
                        LATCHKEY + "/protected", Map.of("Authorization", "Bearer " + bearer), SignIns.USER),
                new LoadCase(4, "public-with-cookie", "/lk/public carrying the Latchkey cookie", "4 public+cookie",
                        LATCHKEY + "/public", cookie(latchkey), "public"),
                new LoadCase(HTTP_SESSION_CASE, "httpsession", "/hs/protected, JSESSIONID (container HttpSession)",
                        "5 HttpSession", HTTP_SESSION + "/protected", cookie(jsessionid), SignIns.USER),
                new LoadCase(SPRING_SESSION_CASE, "spring-session-jdbc", "/ss/protected, SESSION (Spring Session JDBC)",
                        "6 Spring JDBC", SPRING_SESSION + "/protected", cookie(springSession), SignIns.USER),
                new LoadCase(CACHED, "latchkey-cache", "/lkc/protected, Latchkey cookie, validation cache",
                        "7 cached", LATCHKEY_CACHE + "/protected", cached, SignIns.USER),
                new LoadCase(HTTP_SESSION_SECURITY_CASE, "httpsession-security",
                        "/hss/protected, JSESSIONID through Jakarta Security", "8 HS+Security",
                        HTTP_SESSION_SECURITY + "/protected", cookie(securitySession), SignIns.USER),
                new LoadCase(JPQL_READ, "latchkey-jpql-read", "/lkj/protected, Latchkey cookie, read through the JPA query",
                        "9 JPA read", LATCHKEY_JPQL + "/protected", cookie(jpql), SignIns.USER),
                new LoadCase(REDIS_STORE, "latchkey-redis", "/lkr/protected, Latchkey cookie, sessions in Redis",
                        "10 Redis", LATCHKEY_REDIS + "/protected", redis, SignIns.USER));
    }

    private static Map<String, String> cookie(String nameAndValue) {
        return Map.of("Cookie", nameAndValue);
    }
}
