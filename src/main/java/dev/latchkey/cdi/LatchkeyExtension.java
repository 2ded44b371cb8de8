package dev.latchkey.cdi;

import dev.latchkey.security.LatchkeyAuthenticationMechanism;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks at deployment what would otherwise fail at the first request: a second
 * {@code HttpAuthenticationMechanism} in the application (Jakarta Security uses exactly one), and
 * settings given through MicroProfile Config that are invalid. Either stops the deployment with a
 * message that says how to fix it.
 */
public class LatchkeyExtension implements Extension {

    private final List<String> otherMechanisms = new ArrayList<>();

    void findMechanisms(@Observes ProcessBean<?> event) {
        Bean<?> bean = event.getBean();
        if (bean.getTypes().contains(HttpAuthenticationMechanism.class)
                && bean.getBeanClass() != LatchkeyAuthenticationMechanism.class) {
            otherMechanisms.add(bean.getBeanClass().getName());
        }
    }

    void rejectOtherMechanisms(@Observes AfterBeanDiscovery event) {
        if (!otherMechanisms.isEmpty()) {
            event.addDefinitionError(new DefinitionException("Latchkey: the application defines another"
                    + " HttpAuthenticationMechanism besides Latchkey's (" + String.join(", ", otherMechanisms)
                    + "). Jakarta Security uses one mechanism per application: remove it (or its"
                    + " @...AuthenticationMechanismDefinition annotation), or remove Latchkey."));
        }
    }

    void checkSettings(@Observes AfterDeploymentValidation event) {
        try {
            LatchkeySettings.read(ConfigLookup.microProfile());
        } catch (IllegalArgumentException e) {
            event.addDeploymentProblem(new DeploymentException("Latchkey: " + e.getMessage()));
        }
    }
}
