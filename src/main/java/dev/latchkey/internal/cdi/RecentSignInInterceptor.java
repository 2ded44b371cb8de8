package dev.latchkey.internal.cdi;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.cdi.RecentSignIn;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;

/** Applies {@link RecentSignIn}: the method runs only after a recent enough sign-in. */
@RecentSignIn
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
class RecentSignInInterceptor {

    @Inject
    CurrentUser user;

    @AroundInvoke
    Object guard(InvocationContext invocation) throws Exception {
        RecentSignIn binding = binding(invocation);
        Duration maxAge = SettingValues.parseDuration("@RecentSignIn(maxAge)", binding == null ? "10m" : binding.maxAge());
        user.requireSignInWithin(maxAge);
        return invocation.proceed();
    }

    /** The annotation on the method, else on its class (Jakarta Interceptors 2.1 has no getInterceptorBinding). */
    private static RecentSignIn binding(InvocationContext invocation) {
        if (invocation.getMethod() != null) {
            RecentSignIn onMethod = invocation.getMethod().getAnnotation(RecentSignIn.class);
            if (onMethod != null) {
                return onMethod;
            }
            RecentSignIn onDeclaring = invocation.getMethod().getDeclaringClass().getAnnotation(RecentSignIn.class);
            if (onDeclaring != null) {
                return onDeclaring;
            }
        }
        return invocation.getTarget() == null ? null : invocation.getTarget().getClass().getAnnotation(RecentSignIn.class);
    }
}
