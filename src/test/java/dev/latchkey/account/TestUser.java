package dev.latchkey.account;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.core.Session;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The current user of the account tests: {@code name} signed in, or nobody for {@code null}; the sign-in
 * within ten minutes, or not ({@code recent}).
 */
record TestUser(String name, boolean recent) implements CurrentUser {
    TestUser(String name) {
        this(name, true);
    }

    @Override
    public boolean isSignedIn() {
        return name != null;
    }

    @Override
    public String id() {
        if (name == null) {
            throw new IllegalStateException("nobody is signed in");
        }
        return name;
    }

    @Override
    public Set<String> groups() {
        return Set.of();
    }

    @Override
    public boolean isInGroup(String group) {
        return false;
    }

    @Override
    public Optional<Session> session() {
        return Optional.empty();
    }

    @Override
    public Optional<Instant> authenticatedAt() {
        return Optional.empty();
    }

    @Override
    public boolean signedInWithin(java.time.Duration maxAge) {
        return name != null && recent && maxAge.compareTo(java.time.Duration.ofMinutes(10)) >= 0;
    }
}
