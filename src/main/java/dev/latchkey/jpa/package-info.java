/** The default store: sessions in the {@code latchkey_session} table through JPA (EclipseLink or Hibernate). */
package dev.latchkey.jpa;
