package dev.latchkey.it.app;

import dev.latchkey.core.LatchkeyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/** Latchkey's settings given in code: a shorter browser-session idle window than the default day. */
@ApplicationScoped
public class SettingsInCode {

    @Produces
    LatchkeyConfig latchkeyConfig() {
        return LatchkeyConfig.builder().browserSessionIdleTimeout(Duration.ofHours(12)).build();
    }
}
