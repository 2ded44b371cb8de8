package dev.latchkey.testing;

import jakarta.enterprise.inject.Instance;
import java.lang.reflect.Proxy;
import java.util.List;

/** A CDI {@code Instance} over a fixed list of beans, for code that iterates one outside a container. */
public final class Instances {

    private Instances() {
    }

    @SuppressWarnings("unchecked")
    public static <T> Instance<T> of(List<T> beans) {
        return (Instance<T>) Proxy.newProxyInstance(Instances.class.getClassLoader(), new Class<?>[] {Instance.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "iterator" -> beans.iterator();
                    case "stream" -> beans.stream();
                    case "isUnsatisfied" -> beans.isEmpty();
                    case "isResolvable" -> beans.size() == 1;
                    case "get" -> beans.get(0);
                    case "toString" -> "Instances" + beans;
                    default -> throw new UnsupportedOperationException("Instances does not answer " + method.getName());
                });
    }
}
