package dev.latchkey.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** Jakarta REST at /api, with @RolesAllowed enforced on every implementation. */
@ApplicationPath("/api")
public class RestApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // Jersey (Payara) enforces @RolesAllowed only with this feature; RESTEasy reads a context parameter.
        return Map.of("jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}
