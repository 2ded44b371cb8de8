package dev.latchkey.internal.jpa;

import dev.latchkey.core.SessionStoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How Latchkey's stores get an entity manager and a transaction: one entity manager per operation,
 * with a resource-local transaction for writes.
 */
public interface Transactions {

    /** Runs a read; no transaction is required. */
    <T> T read(Function<EntityManager, T> work);

    /** Runs a write in a transaction that commits before this returns. */
    <T> T write(Function<EntityManager, T> work);

    /** Runs work in a transaction that is always rolled back: for probing the schema without leaving a trace. */
    <T> T rollback(Function<EntityManager, T> work);

    /**
     * Runs {@code work}, turning any failure into a {@link SessionStoreException} that names the
     * operation and the exception's class, never a value.
     */
    static <T> T guard(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (SessionStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SessionStoreException(operation + " failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** An entity manager per call from {@code emf}, with a resource-local transaction for writes. */
    static Transactions resourceLocal(EntityManagerFactory emf) {
        return new Transactions() {
            @Override
            public <T> T read(Function<EntityManager, T> work) {
                EntityManager em = emf.createEntityManager();
                try {
                    return work.apply(em);
                } finally {
                    em.close();
                }
            }

            @Override
            public <T> T write(Function<EntityManager, T> work) {
                EntityManager em = emf.createEntityManager();
                EntityTransaction tx = em.getTransaction();
                try {
                    tx.begin();
                    T result = work.apply(em);
                    tx.commit();
                    return result;
                } finally {
                    if (tx.isActive()) {
                        tx.rollback();
                    }
                    em.close();
                }
            }

            @Override
            public <T> T rollback(Function<EntityManager, T> work) {
                EntityManager em = emf.createEntityManager();
                EntityTransaction tx = em.getTransaction();
                try {
                    tx.begin();
                    return work.apply(em);
                } finally {
                    if (tx.isActive()) {
                        tx.rollback();
                    }
                    em.close();
                }
            }
        };
    }
}
