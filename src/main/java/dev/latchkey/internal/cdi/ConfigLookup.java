package dev.latchkey.internal.cdi;

import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/** Where settings come from: MicroProfile Config when the server has it, then servlet context parameters. */
final class ConfigLookup {

    private ConfigLookup() {
    }

    static SettingValues of(ServletContext context) {
        Function<String, Optional<String>> microProfile = microProfile();
        Supplier<Set<String>> microProfileKeys = microProfileKeys();
        Function<String, Optional<String>> lookup = key -> {
            Optional<String> value = microProfile.apply(key);
            if (value.isPresent() || context == null) {
                return value;
            }
            return Optional.ofNullable(context.getInitParameter(key));
        };
        Supplier<Set<String>> keys = () -> {
            Set<String> all = new TreeSet<>(microProfileKeys.get());
            if (context != null) {
                all.addAll(Collections.list(context.getInitParameterNames()));
            }
            return all;
        };
        return new SettingValues(lookup, keys);
    }

    /** MicroProfile Config if its API is visible to the application, otherwise nothing. */
    private static Function<String, Optional<String>> microProfile() {
        return present() ? MicroProfile.lookup() : key -> Optional.empty();
    }

    private static Supplier<Set<String>> microProfileKeys() {
        return present() ? MicroProfile.keys() : Set::of;
    }

    private static boolean present() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, ConfigLookup.class.getClassLoader());
            MicroProfile.lookup();
            return true;
        } catch (ClassNotFoundException | LinkageError | IllegalStateException absent) {
            return false;
        }
    }

    /** Loaded only when the API is present. */
    private static final class MicroProfile {
        static Function<String, Optional<String>> lookup() {
            var config = org.eclipse.microprofile.config.ConfigProvider.getConfig(ConfigLookup.class.getClassLoader());
            return key -> config.getOptionalValue(key, String.class);
        }

        static Supplier<Set<String>> keys() {
            var config = org.eclipse.microprofile.config.ConfigProvider.getConfig(ConfigLookup.class.getClassLoader());
            return () -> {
                Set<String> names = new TreeSet<>();
                config.getPropertyNames().forEach(names::add);
                return names;
            };
        }
    }
}
