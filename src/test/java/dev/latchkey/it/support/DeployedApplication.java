package dev.latchkey.it.support;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of a container suite whose test application Arquillian deploys: it holds no test, only the
 * deployment's address and a wait before every test until the application answers, since Payara
 * Micro's adapter reports the archive deployed before the web application has started
 * ({@link ServerUnderTest#awaitApplication()}).
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedApplication implements ServerUnderTest {

    @ArquillianResource
    public URL base;

    @Override
    public URL base() {
        return base;
    }

    @BeforeEach
    public void applicationStarted() {
        awaitApplication();
    }
}
