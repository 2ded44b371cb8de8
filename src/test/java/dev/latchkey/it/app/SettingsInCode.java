package dev.latchkey.it.app;

import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.web.ProxyHeader;
import dev.latchkey.web.WebSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.List;

/**
 * Latchkey's settings given in code: a shorter browser-session idle window than the default day
 * ({@link LatchkeyConfig}), and a TLS proxy on {@value #TRUSTED_PROXY} writing X-Forwarded-For, a
 * loopback address the tests connect from to play it ({@link WebSettings}).
 */
@ApplicationScoped
public class SettingsInCode {

    public static final String TRUSTED_PROXY = "127.0.0.2";

    @Produces
    LatchkeyConfig latchkeyConfig() {
        return LatchkeyConfig.builder().browserSessionIdleTimeout(Duration.ofHours(12)).build();
    }

    @Produces
    WebSettings webSettings() {
        return WebSettings.defaults().behindProxies(List.of(TRUSTED_PROXY), ProxyHeader.X_FORWARDED_FOR);
    }
}
