package dev.latchkey.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionAttributesTest {

    @Test
    void typedValuesReadBack() {
        SessionAttributes a = SessionAttributes.empty().with("s", "x=1&y=2 %").with("n", -42L).with("b", false);
        assertEquals("x=1&y=2 %", a.string("s").orElseThrow());
        assertEquals(-42L, a.longValue("n").getAsLong());
        assertEquals(false, a.bool("b").orElseThrow());
        assertTrue(a.longValue("s").isEmpty());
        assertTrue(a.bool("n").isEmpty());
        assertTrue(a.string("missing").isEmpty());
    }

    @Test
    void storageFormRoundTrips() {
        SessionAttributes a = SessionAttributes.empty().with("k.1", "\u00e9\u4e2d\n&=").with("k-2", "");
        assertEquals(a, SessionAttributes.fromStorageString(a.toStorageString()));
        assertEquals(SessionAttributes.empty(), SessionAttributes.fromStorageString(null));
    }

    @Test
    void limitsAreEnforced() {
        assertThrows(IllegalArgumentException.class, () -> SessionAttributes.empty().with("bad key", "v"));
        assertThrows(IllegalArgumentException.class, () -> SessionAttributes.empty().with("k", "x".repeat(3000)));
        SessionAttributes many = SessionAttributes.empty();
        for (int i = 0; i < SessionAttributes.MAX_ENTRIES; i++) {
            many = many.with("k" + i, i);
        }
        SessionAttributes full = many;
        assertThrows(IllegalArgumentException.class, () -> full.with("one-more", 1));
        assertThrows(IllegalArgumentException.class, () -> SessionAttributes.fromStorageString("no-equals-sign"));
    }
}
