package dev.latchkey.internal.cdi;

import dev.latchkey.core.SessionStore;
import java.util.Optional;

/** The application's own store, produced as a bean: Latchkey opens nothing, and counts sign-in failures per node. */
record ApplicationStoreKind(SessionStore sessions) implements StoreKind {

    @Override
    public Optional<Counters> sharedCounters() {
        return Optional.empty();
    }

    @Override
    public String summary() {
        return "store " + sessions.getClass().getName() + " (provided by the application)";
    }
}
