package dev.latchkey.internal.cdi;

import dev.latchkey.core.Message;
import dev.latchkey.internal.security.LatchkeyAuthenticationMechanism;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses at deployment what would otherwise fail at the first request: a second
 * {@code HttpAuthenticationMechanism} in the application ({@code LK-402}); Jakarta Security uses
 * exactly one. The settings are checked when Latchkey starts ({@link LatchkeyStartup}).
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
            event.addDefinitionError(new DefinitionException(Message.SECOND_MECHANISM.error(
                    Message.SECOND_MECHANISM.summary() + " (" + String.join(", ", otherMechanisms) + ")")));
        }
    }
}
