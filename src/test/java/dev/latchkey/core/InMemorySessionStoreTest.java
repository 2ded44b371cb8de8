package dev.latchkey.core;

/** The store contract on {@link InMemorySessionStore}. */
class InMemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore createStore() {
        return new InMemorySessionStore();
    }
}
