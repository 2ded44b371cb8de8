package dev.latchkey.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A class loader that loads Latchkey's classes (main and test) again itself and finds no class of one
 * library at all, as in an application whose WAR lacks it; everything else comes from the test's
 * loader. {@link #asked} records every class of the library something tried to load.
 */
public final class WithoutLibrary extends URLClassLoader {

    /** The names of the library's classes asked for, in order. */
    public final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private final String hiddenPrefix;

    /**
     * @param hiddenPrefix the library's package prefix, say {@code "redis."}
     * @param main         a class of Latchkey's main code, to find its folder
     * @param test         a class of Latchkey's tests, to find theirs; its loader gives everything else
     */
    public WithoutLibrary(String hiddenPrefix, Class<?> main, Class<?> test) {
        super(new URL[] {location(main), location(test)}, test.getClassLoader());
        this.hiddenPrefix = hiddenPrefix;
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            if (name.startsWith(hiddenPrefix)) {
                asked.add(name);
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith("dev.latchkey.")) {
                return super.loadClass(name, resolve);
            }
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    /** Runs the static, argument-less method {@code probe} of {@code type} as loaded here, with this loader as the context. */
    public String run(Class<?> type, String probe) throws Exception {
        Method method = loadClass(type.getName()).getDeclaredMethod(probe);
        method.setAccessible(true);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(this);
        try {
            return (String) method.invoke(null);
        } catch (InvocationTargetException e) {
            throw new AssertionError(probe + " failed without " + hiddenPrefix + "*", e.getCause());
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
