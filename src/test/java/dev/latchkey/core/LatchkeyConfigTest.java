package dev.latchkey.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatchkeyConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        LatchkeyConfig c = LatchkeyConfig.defaults();
        assertEquals(Duration.ofDays(30), c.idleTimeout());
        assertEquals(Duration.ofDays(1), c.browserSessionIdleTimeout());
        assertEquals(Duration.ofDays(400), c.absoluteLifetime());
        assertEquals(500, c.cleanupBatchSize());
        assertEquals(CookieSettings.defaults(), c.cookie());
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void badValuesNameTheSetting() {
        assertEquals("latchkey.session.idle-timeout must be a positive duration but was PT0S",
                assertThrows(IllegalArgumentException.class,
                        () -> LatchkeyConfig.builder().idleTimeout(Duration.ZERO).build()).getMessage());
        assertEquals("latchkey.cleanup.batch-size must be 1-10000 but was 0",
                assertThrows(IllegalArgumentException.class,
                        () -> LatchkeyConfig.builder().cleanupBatchSize(0).build()).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LatchkeyConfig.builder().absoluteLifetime(Duration.ofDays(10)).build());
        assertThrows(NullPointerException.class, () -> LatchkeyConfig.builder().cookie(null).build());
    }
}
