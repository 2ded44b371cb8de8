package dev.latchkey.it;

import dev.latchkey.it.support.ServerLogs;

/** The container flows on Payara Micro 6 (EclipseLink, its default H2 DataSource). */
class PayaraIT extends ContainerSuite {

    @Override
    String expectedLoginPage() {
        return "/sign-in";
    }

    @Override
    public boolean refusesNonAsciiHeaderBytes() {
        return true; // Grizzly answers 400 before any application code runs
    }

    @Override
    public ServerLogs serverLogs() {
        return ServerLogs.PAYARA;
    }
}
