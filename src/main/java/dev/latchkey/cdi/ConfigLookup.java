package dev.latchkey.cdi;

import jakarta.servlet.ServletContext;
import java.util.Optional;
import java.util.function.Function;

/** Where settings come from: MicroProfile Config when the server has it, then servlet context parameters. */
final class ConfigLookup {

    private ConfigLookup() {
    }

    static Function<String, Optional<String>> of(ServletContext context) {
        Function<String, Optional<String>> microProfile = microProfile();
        return key -> {
            Optional<String> value = microProfile.apply(key);
            if (value.isPresent() || context == null) {
                return value;
            }
            return Optional.ofNullable(context.getInitParameter(key));
        };
    }

    /** MicroProfile Config if its API is visible to the application, otherwise nothing. */
    static Function<String, Optional<String>> microProfile() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, ConfigLookup.class.getClassLoader());
            return MicroProfile.lookup();
        } catch (ClassNotFoundException | LinkageError | IllegalStateException absent) {
            return key -> Optional.empty();
        }
    }

    /** Loaded only when the API is present. */
    private static final class MicroProfile {
        static Function<String, Optional<String>> lookup() {
            var config = org.eclipse.microprofile.config.ConfigProvider.getConfig(ConfigLookup.class.getClassLoader());
            return key -> config.getOptionalValue(key, String.class);
        }
    }
}
