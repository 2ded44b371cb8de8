package dev.latchkey.jpa;

import dev.latchkey.core.SessionStore;
import dev.latchkey.core.SessionStoreContract;
import dev.latchkey.testing.H2Database;

/** The store contract on {@link JpaSessionStore} with EclipseLink and H2. */
class JpaSessionStoreH2Test extends SessionStoreContract {

    private H2Database database;

    @Override
    protected SessionStore createStore() {
        database = new H2Database();
        return JpaSessionStore.resourceLocal(database.emf);
    }

    @Override
    protected void closeStore() {
        database.close();
    }
}
