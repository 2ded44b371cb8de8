package dev.latchkey.internal.jpa;

import dev.latchkey.core.Message;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Latchkey's own persistence unit, built in code on a DataSource with whichever JPA provider the
 * server ships (EclipseLink on Payara and Open Liberty, Hibernate on WildFly). No
 * {@code persistence.xml} is shipped, so the application's own units, and its
 * {@code @PersistenceContext} injections without a unit name, are unaffected.
 *
 * <p>The unit is {@code RESOURCE_LOCAL}: Latchkey commits its own short transactions, outside any
 * transaction of the application.
 */
public final class ContainerPersistence {


    private ContainerPersistence() {
    }

    /**
     * Opens Latchkey's unit on {@code dataSource}.
     *
     * @param unitName       the unit's name, one per unit: a provider may share the state of units of one name
     * @param managedClasses the entity classes of the unit, such as {@link SessionEntity}
     * @param providerClass  the provider's class name, or {@code null} for the first the server offers
     * @throws PersistenceException ({@code LK-406}) naming the providers tried when none could open the unit
     */
    public static EntityManagerFactory open(String unitName, DataSource dataSource, List<Class<?>> managedClasses,
            String providerClass) {
        List<PersistenceProvider> providers = PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                .getPersistenceProviders();
        List<String> tried = new ArrayList<>();
        RuntimeException last = null;
        for (PersistenceProvider provider : providers) {
            String name = provider.getClass().getName();
            if (providerClass != null && !providerClass.equals(name)) {
                continue;
            }
            tried.add(name);
            try {
                EntityManagerFactory emf = provider.createContainerEntityManagerFactory(
                        new UnitInfo(unitName, name, dataSource, managedClasses), Map.of());
                if (emf != null) {
                    FailFast.apply(emf);
                    return emf;
                }
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new PersistenceException(Message.NO_JPA_PROVIDER.error("tried "
                + (tried.isEmpty() ? "none: the server offers no provider" : String.join(", ", tried))), last);
    }

    private record UnitInfo(String unitName, String providerClass, DataSource dataSource, List<Class<?>> classes,
                            String sessionSuffix) implements PersistenceUnitInfo {

        UnitInfo(String unitName, String providerClass, DataSource dataSource, List<Class<?>> classes) {
            this(unitName, providerClass, dataSource, classes, java.util.UUID.randomUUID().toString());
        }

        @Override
        public String getPersistenceUnitName() {
            return unitName;
        }

        @Override
        public String getPersistenceProviderClassName() {
            return providerClass;
        }

        @Override
        public PersistenceUnitTransactionType getTransactionType() {
            return PersistenceUnitTransactionType.RESOURCE_LOCAL;
        }

        @Override
        public DataSource getJtaDataSource() {
            return null;
        }

        @Override
        public DataSource getNonJtaDataSource() {
            return dataSource;
        }

        @Override
        public List<String> getMappingFileNames() {
            return List.of();
        }

        @Override
        public List<URL> getJarFileUrls() {
            return List.of();
        }

        @Override
        public URL getPersistenceUnitRootUrl() {
            var source = classes.get(0).getProtectionDomain().getCodeSource();
            return source == null ? null : source.getLocation();
        }

        @Override
        public List<String> getManagedClassNames() {
            return classes.stream().map(Class::getName).toList();
        }

        @Override
        public boolean excludeUnlistedClasses() {
            return true;
        }

        @Override
        public SharedCacheMode getSharedCacheMode() {
            return SharedCacheMode.NONE;
        }

        @Override
        public ValidationMode getValidationMode() {
            return ValidationMode.NONE;
        }

        @Override
        public Properties getProperties() {
            Properties p = new Properties();
            p.setProperty("eclipselink.weaving", "false");
            // EclipseLink shares the state of units of one name and root: two applications (or two opens in one
            // JVM) would otherwise share one session, on the DataSource of the first.
            p.setProperty("eclipselink.session-name", unitName + "-" + sessionSuffix);
            p.setProperty("eclipselink.logging.level", "SEVERE"); // failures reach the caller as exceptions
            p.setProperty("hibernate.transaction.coordinator_class", "jdbc");
            // No lazy-loading proxies: rows are read as projections, and the application's class
            // loader need not see Hibernate's classes (on WildFly it does not without a persistence.xml).
            p.setProperty("hibernate.bytecode.provider", "none");
            p.setProperty("hibernate.archive.autodetection", "");
            return p;
        }

        @Override
        public String getPersistenceXMLSchemaVersion() {
            return "3.0";
        }

        @Override
        public ClassLoader getClassLoader() {
            return classes.get(0).getClassLoader();
        }

        @Override
        public void addTransformer(ClassTransformer transformer) {
            // no weaving: the entities are read through projections only
        }

        @Override
        public ClassLoader getNewTempClassLoader() {
            return classes.get(0).getClassLoader();
        }
    }
}
