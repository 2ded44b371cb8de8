package dev.latchkey.internal.oauth;

import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Answers the start and the callback of sign-ins with providers; every other request passes on.
 */
public class OAuthFilter implements Filter {

    @Inject
    OAuthModule module;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse) {
            Optional<OAuthFlow> flow = module.flow();
            if (flow.isPresent() && flow.get().handles(http)) {
                flow.get().handle(http, httpResponse);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
