package dev.latchkey.internal.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which cookie pairs Undertow would refuse, and what is left of a header without them. */
class CookieHeaderGuardTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain token                       | latchkey=abc.def              | false",
        "non-ASCII value                   | a=caf\u00e9                   | true",
        "UTF-8 bytes read as Latin-1       | a=caf\u00c3\u00a9             | true",
        "control byte in the value         | a=x\u0001y                    | true",
        "DEL in the value                  | a=x\u007fy                    | true",
        "control bytes the JDK calls space | JSESSIONID=\u001f\u000b89x    | true",
        "tab is allowed                    | a=x\ty                        | false",
        "quoted non-ASCII value            | a=\"caf\u00e9\"               | false",
        "non-ASCII name                    | \u00e9=1                      | true",
        "piece without a value             | Mu\u0014x                     | true",
        "quote and backslash               | a=x\"y\\z                     | false",
    })
    void refusesWhatUndertowRefuses(String description, String pair, boolean refused) {
        assertEquals(refused, CookieHeaderGuard.isRefused(pair), description);
    }

    @Test
    void keepsEveryOtherPairOfTheHeader() {
        String header = "JSESSIONID=abc; a=caf\u00e9; latchkey=tok.en; b=\u0001; c=\"caf\u00e9\"";
        assertTrue(CookieHeaderGuard.hasRefusedPair(header));
        assertEquals("JSESSIONID=abc; latchkey=tok.en; c=\"caf\u00e9\"", CookieHeaderGuard.withoutRefusedPairs(header));
        assertEquals("", CookieHeaderGuard.withoutRefusedPairs("a=\u00e9"));
        assertFalse(CookieHeaderGuard.hasRefusedPair("a=1; b=2"));
    }
}
