package dev.latchkey.cdi;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guards a CDI bean's method (or every method of a class) with "sudo mode": it runs only when the
 * signed-in user presented a credential within {@link #maxAge()} — at sign-in or by
 * {@link UserSessions#reauthenticate}. Otherwise it throws
 * {@link dev.latchkey.core.RecentSignInRequiredException}, which Latchkey answers with 401 (or, for a
 * browser, the login page with {@code return} and {@code reauth}), reason {@code LK-205}.
 *
 * <pre>{@code
 * @RecentSignIn(maxAge = "10m")
 * public void deleteAccount() { ... }
 * }</pre>
 *
 * <p>Jakarta REST resources are guarded the same way when they are CDI beans (give the resource class
 * a scope such as {@code @RequestScoped}).
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RecentSignIn {

    /** How recent the sign-in must be: {@code 10m}, {@code 1h}, {@code 30s} or ISO-8601 ({@code PT10M}). */
    @Nonbinding
    String maxAge() default "10m";
}
