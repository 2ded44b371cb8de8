package dev.latchkey.cdi;

import dev.latchkey.core.Session;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** The {@link CurrentUser} of a request with a session, or of none. */
record SignedInUser(Session current) implements CurrentUser {

    static final CurrentUser ANONYMOUS = new SignedInUser(null);

    @Override
    public boolean isSignedIn() {
        return current != null;
    }

    @Override
    public String id() {
        if (current == null) {
            throw new IllegalStateException("nobody is signed in: check CurrentUser.isSignedIn() first");
        }
        return current.userId();
    }

    @Override
    public String name() {
        return id();
    }

    @Override
    public Set<String> groups() {
        return current == null ? Set.of() : current.groups();
    }

    @Override
    public boolean isInGroup(String group) {
        return groups().contains(group);
    }

    @Override
    public Optional<Session> session() {
        return Optional.ofNullable(current);
    }

    @Override
    public Optional<Instant> authenticatedAt() {
        return session().map(Session::authenticatedAt);
    }

    @Override
    public String toString() {
        return current == null ? "CurrentUser[anonymous]" : "CurrentUser[" + current.userId() + "]";
    }
}
