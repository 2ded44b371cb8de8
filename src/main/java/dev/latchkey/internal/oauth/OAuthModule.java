package dev.latchkey.internal.oauth;

import dev.latchkey.internal.cdi.LatchkeyDeployment;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.oauth.OAuthMessage;
import dev.latchkey.oauth.OAuthProvider;
import dev.latchkey.oauth.OAuthUsers;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.interceptor.Interceptor;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sign-in with providers, set up when Latchkey starts: the providers of the settings and those the
 * application produces, checked (a wrong one stops the deployment naming its key), their metadata
 * read (a provider that cannot be reached is reported, {@code LK-510}, and tried again, never fatal),
 * and who decides who an identity is. With no provider configured nothing is loaded.
 */
@ApplicationScoped
class OAuthModule {

    private static final System.Logger LOG = System.getLogger("dev.latchkey");
    /** Where the built-in accounts' {@link OAuthUsers} lives (named, not imported: the accounts depend on this package). */
    private static final String ACCOUNTS_PACKAGE = "dev.latchkey.account";

    @Inject
    Instance<OAuthProvider> providersInCode;

    @Inject
    @Any
    Instance<OAuthUsers> users;

    @Inject
    Provider<ServletSessions> sessions;

    private volatile OAuthFlow flow;
    private volatile List<OAuthProvider> providers = List.of();

    /** Late among the observers of the start: the built-in accounts must be open to be asked. */
    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) LatchkeyDeployment deployment) {
        start(ProviderSettings.read(deployment), providersInCode, () -> decider(deployment), sessions::get, deployment.clock(),
                deployment.text(FlowSeal.SETTING))
                .ifPresent(started -> {
                    providers = started.providers();
                    flow = started.flow();
                });
    }

    /** What {@link #start} sets up: the providers, and the flow that answers their paths. */
    record Started(List<OAuthProvider> providers, OAuthFlow flow) {
    }

    /**
     * Sets up sign-in with the providers of the settings and of the code, or nothing when there is
     * none: then no class of the protocol library is loaded. Plain Java, apart from CDI.
     *
     * @param stateKey {@value FlowSeal#SETTING}, the key the state cookies are sealed with
     * @throws IllegalArgumentException when a provider is declared twice, nobody decides who an identity is, or the
     *                                  state key is not one
     */
    static Optional<Started> start(List<OAuthProvider> inSettings, Iterable<OAuthProvider> inCode,
            Supplier<Optional<OAuthUsers>> decider, Supplier<ServletSessions> sessions, Clock clock, Optional<String> stateKey) {
        Map<String, OAuthProvider> all = new LinkedHashMap<>();
        for (OAuthProvider provider : inSettings) {
            all.put(provider.name(), provider);
        }
        for (OAuthProvider provider : inCode) {
            if (all.putIfAbsent(provider.name(), provider) != null) {
                throw new IllegalArgumentException("latchkey.oauth." + provider.name() + ": the provider is declared both in"
                        + " the settings and in code");
            }
        }
        if (all.isEmpty()) {
            return Optional.empty();
        }
        FlowSeal seal = FlowSeal.of(stateKey, new SecureRandom());
        OAuthUsers users = decider.get().orElseThrow(() -> new IllegalArgumentException("latchkey.oauth: sign-in"
                + " with providers needs a CDI bean implementing dev.latchkey.oauth.OAuthUsers, or the built-in accounts"
                + " (latchkey.accounts.enabled=true)"));
        for (OAuthProvider provider : all.values()) {
            if (provider.keepTokens() && !users.keepsTokens()) {
                throw new IllegalArgumentException("latchkey.oauth." + provider.name() + ".keep-tokens=true needs somewhere"
                        + " to keep them encrypted: the built-in accounts with latchkey.accounts.token-key set, or an"
                        + " OAuthUsers whose keepsTokens() is true");
            }
        }
        List<ProviderClient> clients = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (OAuthProvider provider : all.values()) {
            ProviderClient client = provider.kind() == OAuthProvider.Kind.GITHUB ? new GitHubClient(provider, clock)
                    : new OidcClient(provider, clock);
            boolean ready = client.ready();
            if (!ready) {
                LOG.log(System.Logger.Level.WARNING, OAuthMessage.OAUTH_PROVIDER_UNAVAILABLE.line(provider.name() + ": the"
                        + " metadata at " + provider.issuer() + " cannot be read now (" + client.lastFailure()
                        + "); it is tried again when a sign-in starts"));
            }
            clients.add(client);
            described.add(provider.name() + " (" + provider.kind().name().toLowerCase(Locale.ROOT)
                    + (provider.issuer() == null ? "" : " " + provider.issuer()) + (ready ? "" : ", not reachable yet") + ")");
        }
        LOG.log(System.Logger.Level.INFO, OAuthMessage.OAUTH_READY.line("sign-in with providers ready: " + String.join(", ", described)
                + "; identities decided by " + users.getClass().getName().replaceAll("\\$.*", "") + "; state cookies sealed with "
                + (seal.configured() ? FlowSeal.SETTING : "a key made at start (enough for one node: several need "
                + FlowSeal.SETTING + ")")));
        return Optional.of(new Started(List.copyOf(all.values()), new OAuthFlow(clients, sessions.get(), users, clock, seal)));
    }

    /** The application's own {@link OAuthUsers} wins; otherwise the built-in accounts', when they are on. */
    private Optional<OAuthUsers> decider(LatchkeyDeployment deployment) {
        OAuthUsers builtIn = null;
        for (Instance.Handle<OAuthUsers> handle : users.handles()) {
            if (handle.getBean().getBeanClass().getPackageName().equals(ACCOUNTS_PACKAGE)) {
                builtIn = handle.get();
            } else {
                return Optional.of(handle.get());
            }
        }
        return builtIn != null && deployment.flag("latchkey.accounts.enabled", false) ? Optional.of(builtIn) : Optional.empty();
    }

    /** The flow, when providers are configured. */
    Optional<OAuthFlow> flow() {
        return Optional.ofNullable(flow);
    }

    /** The providers configured, in order. */
    List<OAuthProvider> providers() {
        return providers;
    }
}
