package dev.latchkey.recovery;

import dev.latchkey.testing.MariaDbDatabase;
import dev.latchkey.testing.Provider;

/** The one-time token suite on MariaDB under EclipseLink. */
class MariaDbEclipseLinkOneTimeTokenTest extends OneTimeTokenSuite {

    MariaDbEclipseLinkOneTimeTokenTest() {
        super(MariaDbDatabase::get, Provider.ECLIPSELINK);
    }
}
