package dev.latchkey.internal.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.oauth.OAuthSignIn;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * An application that configures no provider pays nothing for sign-in with providers: setting it up
 * loads no class of the protocol library. Shown by running the set-up with Latchkey's classes in a
 * class loader that cannot see Nimbus at all; with one provider the same set-up does need it.
 */
class WithoutProvidersTest {

    /** Latchkey's compiled classes, with every class but Nimbus's from the test's own class path. */
    private static URLClassLoader withoutNimbus() throws Exception {
        ClassLoader parent = new ClassLoader(WithoutProvidersTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("com.nimbusds.") || name.startsWith("dev.latchkey.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        URL classes = Path.of("target/classes").toUri().toURL();
        return new URLClassLoader(new URL[] {classes}, parent);
    }

    private static Object start(ClassLoader loader, List<Object> providers) throws Exception {
        Class<?> module = loader.loadClass("dev.latchkey.internal.oauth.OAuthModule");
        Class<?> users = loader.loadClass("dev.latchkey.oauth.OAuthUsers");
        Object decider = Proxy.newProxyInstance(loader, new Class<?>[] {users}, (proxy, method, args) -> Optional.empty());
        Method start = module.getDeclaredMethod("start", List.class, Iterable.class, Supplier.class, Supplier.class, Clock.class,
                Optional.class);
        start.setAccessible(true);
        Supplier<Optional<Object>> decide = () -> Optional.of(decider);
        Supplier<Object> sessions = () -> null;
        return start.invoke(null, providers, List.of(), decide, sessions, Clock.systemUTC(), Optional.empty());
    }

    @Test
    void withNoProviderTheSetUpRunsWithoutTheProtocolLibrary() throws Exception {
        try (URLClassLoader loader = withoutNimbus()) {
            assertEquals(Optional.empty(), start(loader, List.of()));
            for (String used : List.of("internal.oauth.OAuthFilter", "internal.oauth.OAuthInitializer", "internal.oauth.SignInLinks",
                    "internal.oauth.ProviderSettings", "oauth.OAuthSignIn", "oauth.OAuthUsers")) {
                Class.forName("dev.latchkey." + used, true, loader);
            }
        }
    }

    @Test
    void withAProviderTheSameSetUpNeedsIt() throws Exception {
        try (URLClassLoader loader = withoutNimbus()) {
            Class<?> provider = loader.loadClass("dev.latchkey.oauth.OAuthProvider");
            Object builder = provider.getMethod("oidc", String.class).invoke(null, "corp");
            for (String[] setting : new String[][] {{"clientId", "a"}, {"clientSecret", "b"}, {"issuer", "http://localhost:1/x"}}) {
                builder = builder.getClass().getMethod(setting[0], String.class).invoke(builder, setting[1]);
            }
            Object corp = builder.getClass().getMethod("build").invoke(builder);
            InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> start(loader, List.of(corp)));
            assertInstanceOf(NoClassDefFoundError.class, e.getCause());
            assertTrue(e.getCause().getMessage().startsWith("com/nimbusds/"), e.getCause().getMessage());
        }
    }
}
