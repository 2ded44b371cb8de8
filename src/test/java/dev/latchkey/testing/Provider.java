package dev.latchkey.testing;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/** The JPA providers our target servers ship: EclipseLink (Payara, Open Liberty) and Hibernate ORM (WildFly). */
public enum Provider {
    ECLIPSELINK("latchkey-eclipselink", "EclipseLink"),
    HIBERNATE("latchkey-hibernate", "Hibernate ORM");

    private final String unit;
    private final String displayName;

    Provider(String unit, String displayName) {
        this.unit = unit;
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** A factory on {@code dataSource}; {@code generateSchema} lets the provider create the table. */
    public EntityManagerFactory open(DataSource dataSource, boolean generateSchema) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.nonJtaDataSource", dataSource);
        properties.put("jakarta.persistence.schema-generation.database.action", generateSchema ? "create" : "none");
        EntityManagerFactory emf = Persistence.createEntityManagerFactory(unit, properties);
        emf.createEntityManager().close(); // deploy now, not in the middle of a measured step
        return emf;
    }
}
