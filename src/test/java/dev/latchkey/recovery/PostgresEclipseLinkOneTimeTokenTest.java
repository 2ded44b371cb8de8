package dev.latchkey.recovery;

import dev.latchkey.testing.PostgresDatabase;
import dev.latchkey.testing.Provider;

/** The one-time token suite on PostgreSQL under EclipseLink. */
class PostgresEclipseLinkOneTimeTokenTest extends OneTimeTokenSuite {

    PostgresEclipseLinkOneTimeTokenTest() {
        super(PostgresDatabase::get, Provider.ECLIPSELINK);
    }
}
