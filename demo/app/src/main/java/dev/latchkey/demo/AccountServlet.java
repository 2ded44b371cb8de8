package dev.latchkey.demo;

import dev.latchkey.account.AccountRecovery;
import dev.latchkey.account.RecoveryOutcome;
import dev.latchkey.account.Accounts;
import dev.latchkey.account.PasswordRefusal;
import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.cdi.UserSessions;
import dev.latchkey.core.Session;
import dev.latchkey.oauth.OAuthSignIn;
import jakarta.annotation.security.DeclareRoles;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Signed-in users only: who you are, your e-mail address and whether it is confirmed (the link again, a
 * change of address), the providers you sign in with (link, unlink), your sessions (revoke one, sign out
 * everywhere else) and a password change (which signs out your other sessions).
 * POST action=revoke|revoke-others|unlink|password|address. Signing out everywhere else and changing the
 * address need a sign-in within the last 10 minutes; otherwise the sign-in page asks for the password again.
 */
@WebServlet("/account")
@DeclareRoles({"user", "admin"})
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class AccountServlet extends HttpServlet {

    private static final Duration RECENT = Duration.ofMinutes(10);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    CurrentUser user;

    @Inject
    UserSessions sessions;

    @Inject
    Accounts accounts;

    @Inject
    OAuthSignIn oauth;

    @Inject
    AccountRecovery recovery;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        show(response, request.getParameter("done") == null ? "" : request.getParameter("done"));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String action = String.valueOf(request.getParameter("action"));
        String done;
        switch (action) {
            case "revoke" -> done = sessions.revoke(request.getParameter("id")) ? "Session revoked." : "No such session.";
            case "revoke-others" -> {
                // A sensitive action: it needs the password within the last 10 minutes ("sudo mode").
                if (!user.signedInWithin(RECENT)) {
                    response.sendRedirect("signin?return=%2Faccount&reauth=" + RECENT.toSeconds());
                    return;
                }
                done = "Signed out " + sessions.revokeOthers() + " other session(s).";
            }
            case "unlink" -> {
                // Removing a way in needs a recent sign-in too (Accounts.unlinkProvider would refuse it otherwise).
                if (!user.signedInWithin(OAuthSignIn.LINK_MAX_AGE)) {
                    response.sendRedirect("signin?return=%2Faccount&reauth=" + OAuthSignIn.LINK_MAX_AGE.toSeconds());
                    return;
                }
                done = accounts.unlinkProvider(String.valueOf(request.getParameter("provider")))
                        ? "Provider unlinked." : "Not unlinked: it is your only way to sign in.";
            }
            case "address" -> {
                // The new address counts only once the link sent to it is opened; the old one is then told.
                if (!user.signedInWithin(AccountRecovery.RECENT)) {
                    response.sendRedirect("signin?return=%2Faccount&reauth=" + AccountRecovery.RECENT.toSeconds());
                    return;
                }
                String address = String.valueOf(request.getParameter("address"));
                RecoveryOutcome outcome = recovery.changeAddress(address);
                done = switch (outcome.result()) {
                    case DONE -> "A link that confirms " + address.strip() + " is on its way (see the development outbox);"
                            + " your address changes when it is opened.";
                    case ADDRESS_INVALID -> "That is not an e-mail address.";
                    case ADDRESS_TAKEN -> "Another account has that address.";
                    case THROTTLED -> "Too many messages asked for: try again in "
                            + Math.max(1, outcome.retryAfter().toSeconds()) + " seconds.";
                    default -> "The address was not changed.";
                };
            }
            case "password" -> {
                Accounts.PasswordChange result = accounts.changePassword(
                        String.valueOf(request.getParameter("current")).toCharArray(),
                        String.valueOf(request.getParameter("replacement")).toCharArray());
                done = switch (result) {
                    case CHANGED -> "Password changed; your other sessions are signed out.";
                    case WRONG_PASSWORD -> "The current password is wrong.";
                    case THROTTLED -> SignInServlet.tooMany(sessions);
                    case PASSWORD_INVALID -> accounts.checkPassword(user.id(), String.valueOf(request.getParameter("replacement"))
                            .toCharArray()).map(PasswordRefusal::message).orElse("Choose another password.");
                };
            }
            default -> {
                response.sendError(400);
                return;
            }
        }
        response.sendRedirect("account?done=" + java.net.URLEncoder.encode(done, java.nio.charset.StandardCharsets.UTF_8));
    }

    private void show(HttpServletResponse response, String done) throws IOException {
        StringBuilder rows = new StringBuilder();
        String current = sessions.currentId().orElse("");
        for (Session s : sessions.mine()) {
            boolean self = s.id().equals(current);
            rows.append("<tr><td>").append(TIME.format(s.createdAt())).append("</td><td>")
                    .append(TIME.format(s.renewedAt())).append("</td><td>").append(Page.escape(s.clientIp()))
                    .append("</td><td>").append(Page.escape(s.userAgent())).append("</td><td>")
                    .append(s.persistent() ? "remembered" : "browser session").append("</td><td>")
                    .append(self ? "<b>this one</b>" : "<form class=\"inline\" method=\"post\" action=\"account\">"
                            + "<input type=\"hidden\" name=\"action\" value=\"revoke\"><input type=\"hidden\" name=\"id\" value=\""
                            + Page.escape(s.id()) + "\"><button>Revoke</button></form>")
                    .append("</td></tr>\n");
        }
        StringBuilder providers = new StringBuilder();
        for (Accounts.LinkedProvider linked : accounts.linkedProviders()) {
            providers.append("<li>").append(Page.escape(linked.provider())).append(" (").append(Page.escape(linked.email() != null ? linked.email() : linked.subject()))
                    .append(") <form class=\"inline\" method=\"post\" action=\"account\"><input type=\"hidden\""
                            + " name=\"action\" value=\"unlink\"><input type=\"hidden\" name=\"provider\" value=\"")
                    .append(Page.escape(linked.provider())).append("\"><button>Unlink</button></form></li>\n");
        }
        for (String provider : oauth.providers()) {
            if (accounts.linkedProviders().stream().noneMatch(l -> l.provider().equals(provider))) {
                providers.append("<li><a class=\"link-provider\" href=\"").append(Page.escape(oauth.linkPath(provider,
                        "/account").substring(1))).append("\">Link the ").append(Page.escape(provider))
                        .append(" provider</a></li>\n");
            }
        }
        Page.render(response, user, "Your account", """
                <p class="note">%s</p>
                <p>Name: <b>%s</b> · groups: %s · signed in at %s</p>
                %s
                <h2>Providers</h2>
                <ul>%s</ul>
                <h2>Your sessions</h2>
                <table><tr><th>Created</th><th>Last renewed</th><th>IP</th><th>Browser</th><th>Kind</th><th></th></tr>
                %s</table>
                <form method="post" action="account"><input type="hidden" name="action" value="revoke-others">
                  <button>Sign out everywhere else</button></form>
                <h2>Change password</h2>
                <form method="post" action="account"><input type="hidden" name="action" value="password">
                  <label>Current password <input name="current" type="password" required autocomplete="current-password"></label>
                  <label>New password <input name="replacement" type="password" required autocomplete="new-password"></label>
                  <button>Change password</button></form>
                """.formatted(Page.escape(done), Page.escape(user.id()), Page.escape(String.join(", ", user.groups())),
                user.authenticatedAt().map(TIME::format).orElse("?"), address(), providers, rows));
    }

    /**
     * The account's e-mail address and whether it is confirmed ({@link CurrentUser#isAddressVerified()}); the
     * link again (a form to Latchkey's own page {@code latchkey/recovery/verify/send}); a change of address.
     */
    private String address() {
        StringBuilder section = new StringBuilder("<h2>E-mail address</h2>\n");
        var address = recovery.address();
        if (address.isEmpty()) {
            section.append("<p>Address: <span id=\"address\">none</span> · without one, a forgotten password cannot be reset.</p>\n");
        } else if (user.isAddressVerified()) {
            section.append("<p>Address: <b id=\"address\">").append(Page.escape(address.get()))
                    .append("</b> · <span id=\"address-state\">confirmed</span></p>\n");
        } else {
            section.append("<p>Address: <b id=\"address\">").append(Page.escape(address.get()))
                    .append("</b> · <span id=\"address-state\">not confirmed yet</span>: open the link we sent to it.</p>\n")
                    .append("<form method=\"post\" action=\"latchkey/recovery/verify/send\"><button>Send the link again</button></form>\n");
        }
        return section.append("""
                <form method="post" action="account"><input type="hidden" name="action" value="address">
                  <label>New e-mail address <input name="address" type="email" required autocomplete="email"></label>
                  <button>Change address</button></form>
                """).toString();
    }
}
