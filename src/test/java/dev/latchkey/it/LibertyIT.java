package dev.latchkey.it;

import dev.latchkey.it.support.ServerLogs;

/** The container flows on Open Liberty (EclipseLink, an H2 DefaultDataSource declared in server.xml). */
class LibertyIT extends ContainerSuite {

    @Override
    String expectedLoginPage() {
        return "/login";
    }

    @Override
    public MalformedEscapes malformedEscapes() {
        return MalformedEscapes.THROWN_BY_GET_PARAMETER;
    }

    @Override
    public ServerLogs serverLogs() {
        return ServerLogs.LIBERTY;
    }
}
