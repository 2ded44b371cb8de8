package dev.latchkey.internal.cdi;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Threads Latchkey keeps running (the change feed's listener): the server's managed ones where it has them. */
final class ManagedThreads {

    private ManagedThreads() {
    }

    /**
     * The server's default managed thread factory, whose threads carry the application's context and
     * are known to the server; the JDK's default factory where there is none (outside a container).
     */
    static ThreadFactory factory() {
        try {
            return (ManagedThreadFactory) new InitialContext().lookup("java:comp/DefaultManagedThreadFactory");
        } catch (NamingException | ClassCastException | NoClassDefFoundError e) {
            return Executors.defaultThreadFactory();
        }
    }
}
