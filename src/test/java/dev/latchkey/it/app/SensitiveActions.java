package dev.latchkey.it.app;

import dev.latchkey.cdi.RecentSignIn;
import jakarta.enterprise.context.ApplicationScoped;

/** An action only a recently signed-in user may take, guarded by the interceptor. */
@ApplicationScoped
public class SensitiveActions {

    @RecentSignIn(maxAge = "10m")
    public String deleteEverything() {
        return "deleted everything";
    }
}
