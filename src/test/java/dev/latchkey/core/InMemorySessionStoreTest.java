package dev.latchkey.core;

/** The store contract on {@link InMemorySessionStore}. */
class InMemorySessionStoreTest extends SessionStoreSuite {

    @Override
    protected SessionStore createStore() {
        return new InMemorySessionStore();
    }
}
