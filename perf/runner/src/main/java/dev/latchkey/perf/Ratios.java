package dev.latchkey.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ratios of median requests per second between cases (null where a case is pending). */
final class Ratios {

    /** {@code numerator ÷ denominator} of the cases' median requests/s. */
    record Ratio(String name, int numerator, int denominator, Double value) {

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("numerator_case", numerator);
            m.put("denominator_case", denominator);
            m.put("value", value);
            return m;
        }
    }

    private Ratios() {
    }

    /** Each case ÷ case 1 (the ceiling). */
    static List<Ratio> toCeiling(Map<Integer, CaseResult> results) {
        List<Ratio> ratios = new ArrayList<>();
        for (int number : results.keySet()) {
            if (number != Cases.CEILING) {
                ratios.add(ratio("case " + number + " ÷ case 1", number, Cases.CEILING, results));
            }
        }
        return ratios;
    }

    /** The comparisons with the other session stores, the cache and the Redis store with the ceiling. */
    static List<Ratio> comparisons(Map<Integer, CaseResult> results) {
        return List.of(
                ratio("Latchkey ÷ Spring Session JDBC (case 2 ÷ case 6)", Cases.LATCHKEY_COOKIE, Cases.SPRING_SESSION_CASE, results),
                ratio("Latchkey ÷ HttpSession (case 2 ÷ case 5)", Cases.LATCHKEY_COOKIE, Cases.HTTP_SESSION_CASE, results),
                ratio("Latchkey ÷ HttpSession through Jakarta Security (case 2 ÷ case 8)", Cases.LATCHKEY_COOKIE,
                        Cases.HTTP_SESSION_SECURITY_CASE, results),
                ratio("Latchkey with cache ÷ HttpSession (case 7 ÷ case 5)", Cases.CACHED, Cases.HTTP_SESSION_CASE, results),
                ratio("Latchkey with cache ÷ HttpSession through Jakarta Security (case 7 ÷ case 8)", Cases.CACHED,
                        Cases.HTTP_SESSION_SECURITY_CASE, results),
                ratio("Latchkey with cache ÷ ceiling (case 7 ÷ case 1)", Cases.CACHED, Cases.CEILING, results),
                ratio("JDBC read ÷ JPA-query read (case 2 ÷ case 9)", Cases.LATCHKEY_COOKIE, Cases.JPQL_READ, results),
                ratio("Latchkey on Redis ÷ ceiling (case 10 ÷ case 1)", Cases.REDIS_STORE, Cases.CEILING, results),
                ratio("Redis store ÷ PostgreSQL store (case 10 ÷ case 2)", Cases.REDIS_STORE, Cases.LATCHKEY_COOKIE, results),
                ratio("Latchkey on Redis ÷ Spring Session JDBC (case 10 ÷ case 6)", Cases.REDIS_STORE,
                        Cases.SPRING_SESSION_CASE, results));
    }

    private static Ratio ratio(String name, int numerator, int denominator, Map<Integer, CaseResult> results) {
        CaseResult top = results.get(numerator);
        CaseResult bottom = results.get(denominator);
        Double value = top == null || bottom == null || top.isPending() || bottom.isPending() ? null
                : top.rps().median() / bottom.rps().median();
        return new Ratio(name, numerator, denominator, value);
    }
}
