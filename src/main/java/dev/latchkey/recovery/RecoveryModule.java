package dev.latchkey.recovery;

import dev.latchkey.internal.cdi.LatchkeyDeployment;
import dev.latchkey.internal.jpa.ContainerPersistence;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Opens the one-time tokens and their sender when Latchkey starts, if {@code latchkey.recovery.enabled} or
 * {@code latchkey.recovery.sign-in} asks for them: the {@code latchkey_onetime_token} table on its own unit,
 * the application's {@link OutOfBandSender} or else Jakarta Mail through {@code latchkey.mail.session}; with
 * neither the deployment stops ({@code LK-601}). Messages are sent on the server's managed executor.
 */
@ApplicationScoped
class RecoveryModule {

    private static final System.Logger LOG = System.getLogger("dev.latchkey");

    @Inject
    Instance<OutOfBandSender> applicationSenders;

    private volatile RecoverySettings settings;
    private volatile Tokens tokens;
    private volatile OutOfBandSender sender;
    private volatile Executor executor;
    private ExecutorService ownExecutor;
    private EntityManagerFactory unit;

    /** Before the accounts' observer, which asks whether recovery is on. */
    void open(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 10) LatchkeyDeployment deployment) {
        RecoverySettings read = RecoverySettings.read(deployment);
        settings = read;
        if (!read.isOn()) {
            return;
        }
        String how;
        if (applicationSenders.isResolvable()) {
            sender = applicationSenders.get();
            how = "the application's " + sender.getClass().getName();
        } else if (deployment.text("latchkey.mail.session").isPresent()) {
            MailSender mail = MailSender.lookUp(deployment.text("latchkey.mail.session").get(),
                    deployment.text("latchkey.mail.from").orElse(null),
                    new MailTemplates(Thread.currentThread().getContextClassLoader()));
            sender = mail;
            how = mail.describe();
        } else {
            throw new IllegalStateException(RecoveryMessage.NO_SENDER.error("latchkey.recovery.enabled="
                    + read.enabled() + ", latchkey.recovery.sign-in=" + read.signIn()));
        }
        unit = ContainerPersistence.open("latchkey-recovery", deployment.dataSource(), List.of(OneTimeTokenEntity.class),
                deployment.persistenceProvider());
        TokenStore store = deployment.suspended(() -> TokenStore.open(unit, deployment.databaseProduct(),
                deployment.createMissingTables()));
        tokens = new Tokens(store, deployment.attempts(), deployment.clock(), read.lifetimes(), read.codeDigits(),
                deployment.forgetAfter());
        deployment.cleanUpAlso("expired one-time tokens", tokens::deleteExpired);
        executor = managedExecutor();
        LOG.log(System.Logger.Level.INFO, RecoveryMessage.RECOVERY_READY.line("recovery ready: "
                + (read.enabled() ? "verification, password reset and first passwords" : "no password reset")
                + "; sign-in by " + (read.signIn().isEmpty() ? "password only" : read.signIn()) + "; table latchkey_onetime_token"
                + " checked; messages by " + how));
    }

    /** The settings (read at start, also when recovery is off). */
    RecoverySettings settings() {
        return settings;
    }

    /** The tokens, when recovery is on. */
    Optional<Tokens> tokens() {
        return Optional.ofNullable(tokens);
    }

    /** Sends a message on another thread; a failure is logged without the link or code ({@code LK-604}). */
    void send(OutOfBandMessage message) {
        OutOfBandSender current = sender;
        if (current == null) {
            throw new IllegalStateException("recovery is off: set latchkey.recovery.enabled=true");
        }
        executor.execute(() -> sendNow(current, message));
    }

    /**
     * Runs work on the sending thread: an answer that must not depend on what the work finds (whether an
     * account exists) returns before it starts.
     */
    void later(Runnable work) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, RecoveryMessage.SEND_FAILED.line("preparing a message failed: "
                        + e.getClass().getName()));
            }
        });
    }

    /** Sends on this thread (already a background one). */
    void sendNow(OutOfBandMessage message) {
        sendNow(sender, message);
    }

    private static void sendNow(OutOfBandSender sender, OutOfBandMessage message) {
        try {
            sender.send(message);
            LOG.log(System.Logger.Level.DEBUG, RecoveryMessage.RECOVERY_READY.line("sent " + message));
        } catch (Exception e) {
            // A template's own complaint is safe to show; a mail server's exception may quote the message.
            LOG.log(System.Logger.Level.WARNING, RecoveryMessage.SEND_FAILED.line("sending " + message + " failed: "
                    + e.getClass().getName() + (e instanceof MailTemplates.TemplateProblem ? ": " + e.getMessage() : "")));
        }
    }

    private Executor managedExecutor() {
        try {
            return (ManagedExecutorService) new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
        } catch (NamingException | ClassCastException | NoClassDefFoundError e) {
            ownExecutor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "latchkey-mail");
                thread.setDaemon(true);
                return thread;
            });
            return ownExecutor;
        }
    }

    @PreDestroy
    void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdown();
        }
        if (unit != null && unit.isOpen()) {
            unit.close();
        }
    }
}
