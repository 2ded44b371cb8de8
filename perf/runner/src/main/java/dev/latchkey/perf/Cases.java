package dev.latchkey.perf;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The eight measured cases, with the cookies and token they send, signed in once per application. */
final class Cases {

    static final String LATCHKEY = "/lk";
    static final String LATCHKEY_CACHE = "/lkc";
    static final String HTTP_SESSION = "/hs";
    static final String SPRING_SESSION = "/ss";
    static final String HTTP_SESSION_SECURITY = "/hss";
    static final String LATCHKEY_JPQL = "/lkj";
    static final int CEILING = 1;
    static final int LATCHKEY_COOKIE = 2;
    static final int HTTP_SESSION_CASE = 5;
    static final int SPRING_SESSION_CASE = 6;
    static final int CACHED = 7;
    static final int HTTP_SESSION_SECURITY_CASE = 8;
    static final int JPQL_READ = 9;

    private Cases() {
    }

    /** All cases; without the cache application case 7 has no cookie (and is reported pending). */
    static List<LoadCase> create(SignIns signIns, boolean cacheDeployed) throws IOException, InterruptedException {
        String latchkey = signIns.latchkeyCookie(LATCHKEY, SignIns.USER);
        String bearer = signIns.bearerToken(LATCHKEY);
        String jsessionid = signIns.sessionCookie(HTTP_SESSION, "JSESSIONID");
        String springSession = signIns.sessionCookie(SPRING_SESSION, "SESSION");
        String securitySession = signIns.sessionCookie(HTTP_SESSION_SECURITY, "JSESSIONID");
        String jpql = signIns.latchkeyCookie(LATCHKEY_JPQL, SignIns.USER);
        Map<String, String> cached = cacheDeployed ? cookie(signIns.latchkeyCookie(LATCHKEY_CACHE, SignIns.USER)) : Map.of();
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
                        "9 JPA read", LATCHKEY_JPQL + "/protected", cookie(jpql), SignIns.USER));
    }

    private static Map<String, String> cookie(String nameAndValue) {
        return Map.of("Cookie", nameAndValue);
    }
}
