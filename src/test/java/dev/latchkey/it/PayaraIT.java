package dev.latchkey.it;

/** The container flows on Payara Micro 6 (EclipseLink, its default H2 DataSource). */
class PayaraIT extends ContainerFlows {

    @Override
    String expectedLoginPage() {
        return "/sign-in";
    }

    @Override
    ServerLogs serverLogs() {
        return ServerLogs.PAYARA;
    }
}
