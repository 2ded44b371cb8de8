package dev.latchkey.internal.recovery;

import static dev.latchkey.internal.recovery.RecoveryPages.page;
import static dev.latchkey.internal.recovery.RecoveryPages.paragraph;

import dev.latchkey.account.AccountRecovery;
import dev.latchkey.account.MailSignIn;
import dev.latchkey.account.NoLinkAddress;
import dev.latchkey.core.Reason;
import dev.latchkey.core.RecentSignInRequiredException;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.recovery.OneTimeTokens;
import dev.latchkey.recovery.RecoveryReason;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
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
 * Answers Latchkey's recovery pages. Every POST is held to the origin rules of a sign-in before anything is
 * read; every page is {@code Cache-Control: no-store} and {@code Referrer-Policy: no-referrer}, so the token a
 * link brought leaves no trace in caches or in the address of another site. Bad input is a 4xx page, never a
 * 5xx; a store that fails is a 503.
 */
public class RecoveryFilter implements Filter {

    @Inject
    OneTimeTokens tokens;

    @Inject
    Provider<AccountRecovery> recovery;

    @Inject
    Provider<MailSignIn> signIns;

    @Inject
    Provider<ServletSessions> sessions;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String page = request.getRequestURI().substring(request.getContextPath().length());
        if (!page.startsWith(RecoveryPages.PREFIX) || !recovery.get().isOn()) {
            chain.doFilter(req, res);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        String name = page.substring(RecoveryPages.PREFIX.length());
        boolean post = "POST".equals(request.getMethod());
        if (!post && !"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, POST");
            page(response, 405, "Not allowed", paragraph("Use GET or POST."));
            return;
        }
        try {
            if (post) {
                Optional<Reason> crossSite = sessions.get().crossSiteSignIn(request);
                if (crossSite.isPresent()) {
                    sessions.get().reportRefusal(request, response, crossSite.get(), "a recovery form from another site", false);
                    page(response, 403, "Refused", paragraph("This form must be sent from this site's own page."));
                    return;
                }
            }
            new RecoveryRequest(request, response, recovery.get(), signIns.get(), tokens, sessions.get()).answer(name, post);
        } catch (BadInput e) {
            sessions.get().reportRefusal(request, response, RecoveryReason.RECOVERY_BAD_FORM, e.getMessage(), false);
            page(response, 400, "Not understood", paragraph(e.getMessage()));
        } catch (NoLinkAddress e) {
            sessions.get().reportRefusal(request, response, RecoveryReason.RECOVERY_BAD_FORM, e.getMessage(), true);
            page(response, 400, "No link can be made", paragraph("This server cannot send links for this address."));
        } catch (RecentSignInRequiredException e) {
            sessions.get().answerRecentSignInRequired(request, response, e.maxAge());
        } catch (SessionStoreException e) {
            sessions.get().answerStoreUnavailable(request, response, e);
        }
    }

    /** A form field missing, repeated or too long. */
    static final class BadInput extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message, null, false, false);
        }
    }
}
