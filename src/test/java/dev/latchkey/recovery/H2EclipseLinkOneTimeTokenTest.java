package dev.latchkey.recovery;

import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.Provider;

/** The one-time token suite on H2 under EclipseLink. */
class H2EclipseLinkOneTimeTokenTest extends OneTimeTokenSuite {

    H2EclipseLinkOneTimeTokenTest() {
        super(H2MemDatabase::get, Provider.ECLIPSELINK);
    }
}
