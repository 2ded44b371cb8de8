package dev.latchkey.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTokensTest {

    private static final String TOKEN = "a".repeat(32) + "." + "b".repeat(52);

    private static List<String> values(String... headers) {
        return RequestTokens.cookieValues(Arrays.asList(headers), "sid");
    }

    @Test
    void findsTheCookieAmongOthers() {
        assertEquals(List.of(TOKEN), values("theme=dark; sid=" + TOKEN + "; lang=en"));
    }

    @Test
    void returnsEveryDuplicateInOrder() {
        assertEquals(List.of("first", TOKEN), values("sid=first; other=1; sid=" + TOKEN));
    }

    @Test
    void readsAcrossSeveralCookieHeaders() {
        assertEquals(List.of(TOKEN), values("theme=dark", "sid=" + TOKEN));
    }

    @Test
    void unquotesQuotedValues() {
        assertEquals(List.of(TOKEN), values("sid=\"" + TOKEN + "\""));
    }

    @Test
    void toleratesOddSpacingAndEmptyPairs() {
        assertEquals(List.of(TOKEN), values(" ;; sid =  " + TOKEN + " ;"));
    }

    @Test
    void skipsMalformedPairsWithoutFailing() {
        assertEquals(List.of(TOKEN), values("garbage; =novalue; ===; sid=" + TOKEN + "; \u00e9=\u0000"));
    }

    @Test
    void namesAreCaseSensitiveAndMustMatchExactly() {
        assertEquals(List.of(), values("SID=x; sidx=y; xsid=z"));
    }

    @Test
    void emptyValueIsReturnedAsEmpty() {
        assertEquals(List.of(""), values("sid="));
    }

    @Test
    void nothingFromNullOrOversizedHeaders() {
        assertEquals(List.of(), RequestTokens.cookieValues(null, "sid"));
        assertEquals(List.of(), values((String) null));
        assertEquals(List.of(), values("sid=" + "x".repeat(20_000)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Bearer TOKEN",
        "bearer TOKEN",
        "BEARER TOKEN",
        "BeArEr TOKEN",
        "Bearer    TOKEN",
        "  Bearer TOKEN  "})
    void bearerTokenIsReadWithAnyCaseOfTheScheme(String header) {
        assertEquals(Optional.of(TOKEN), RequestTokens.bearerToken(header.replace("TOKEN", TOKEN)));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a b", "Bearer\tabc",
        "Bearertoken", "Token abc", "Bearer =abc", "Bearer ab=c", "Bearer \u00e9", "Bearer a;b"})
    void otherAuthorizationValuesGiveNoToken(String header) {
        assertTrue(RequestTokens.bearerToken(header).isEmpty(), String.valueOf(header));
    }

    @Test
    void bearerAcceptsToken68PaddingAndOversizedIsIgnored() {
        assertEquals(Optional.of("abc=="), RequestTokens.bearerToken("Bearer abc=="));
        assertTrue(RequestTokens.bearerToken("Bearer " + "a".repeat(20_000)).isEmpty());
    }
}
