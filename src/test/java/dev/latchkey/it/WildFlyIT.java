package dev.latchkey.it;

import dev.latchkey.it.support.ServerLogs;

/** The container flows on WildFly (Hibernate ORM, its default ExampleDS), with integrated-jaspi=false. */
class WildFlyIT extends ContainerSuite {

    @Override
    String expectedLoginPage() {
        return "/sign-in";
    }

    @Override
    public MalformedEscapes malformedEscapes() {
        return MalformedEscapes.REFUSED_BY_THE_SERVER;
    }

    @Override
    public ServerLogs serverLogs() {
        return ServerLogs.WILDFLY;
    }
}
