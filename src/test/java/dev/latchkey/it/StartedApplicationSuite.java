package dev.latchkey.it;

import java.net.URL;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A container suite whose test application is deployed by Arquillian and whose every test waits until
 * the application answers: Payara Micro's adapter reports the archive deployed before the web
 * application has started ({@link ServerUnderTest#awaitApplication()}).
 */
@ExtendWith(ArquillianExtension.class)
abstract class StartedApplicationSuite implements ServerUnderTest {

    @ArquillianResource
    URL base;

    @Override
    public URL base() {
        return base;
    }

    @BeforeEach
    void applicationStarted() {
        awaitApplication();
    }
}
