package dev.latchkey.internal.recovery;

import static dev.latchkey.internal.recovery.RecoveryPages.codeField;
import static dev.latchkey.internal.recovery.RecoveryPages.form;
import static dev.latchkey.internal.recovery.RecoveryPages.page;
import static dev.latchkey.internal.recovery.RecoveryPages.paragraph;
import static dev.latchkey.internal.recovery.RecoveryPages.passwordField;

import dev.latchkey.account.AccountRecovery;
import dev.latchkey.account.MailSignIn;
import dev.latchkey.account.RecoveryOutcome;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.recovery.OneTimeTokens;
import dev.latchkey.recovery.Purpose;
import dev.latchkey.recovery.RecoveryMessage;
import dev.latchkey.recovery.RecoveryReason;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/** One request to a recovery page: reads its fields, calls {@link AccountRecovery}, answers the page. */
final class RecoveryRequest {

    private static final int MAX_FIELD = 4096;
    private static final String SENT = "If an account has this address, a message is on its way to it. It may take a minute.";

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final AccountRecovery recovery;
    private final MailSignIn signIns;
    private final OneTimeTokens tokens;
    private final ServletSessions sessions;

    RecoveryRequest(HttpServletRequest request, HttpServletResponse response, AccountRecovery recovery, MailSignIn signIns,
            OneTimeTokens tokens, ServletSessions sessions) {
        this.signIns = signIns;
        this.request = request;
        this.response = response;
        this.recovery = recovery;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    void answer(String name, boolean post) throws IOException {
        boolean on = switch (name) {
            case "forgot", "reset", "verify", "verify/send", "first-password" -> recovery.recoveryEnabled();
            case "sign-in" -> recovery.signInByLink() || recovery.signInByCode();
            case "sign-in/link" -> recovery.signInByLink();
            case "sign-in/code" -> recovery.signInByCode();
            default -> false;
        };
        if (!on) {
            page(response, 404, "Not found", paragraph("There is no such page here."));
            return;
        }
        switch (name) {
            case "forgot" -> requirePost(post, () -> sent(recovery.requestPasswordReset(field("address"))));
            case "reset" -> linkPage(post, Purpose.RESET_PASSWORD, "reset", "Set a new password", passwordField(), "Set password",
                    () -> reset());
            case "verify" -> linkPage(post, Purpose.VERIFY_ADDRESS, "verify", "Confirm your address", "", "Confirm", () -> verify());
            case "verify/send" -> requirePost(post, () -> {
                RecoveryOutcome outcome = recovery.sendVerification();
                if (!throttled(outcome)) {
                    page(response, outcome.done() ? 200 : 400, outcome.done() ? "Link sent" : "Nothing to verify",
                            paragraph(outcome.done() ? "A new link is on its way to your address."
                                    : "Sign in first; an address already verified needs no link."));
                }
            });
            case "sign-in" -> signIn(post);
            case "sign-in/link" -> requirePost(post, () -> signedIn(signIns.signInWithLink(response, field("token"), remember())));
            case "sign-in/code" -> requirePost(post, () -> code());
            case "first-password" -> requirePost(post, () -> firstPassword());
            default -> page(response, 404, "Not found", paragraph("There is no such page."));
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    private void requirePost(boolean post, Step step) throws IOException {
        if (!post) {
            response.setHeader("Allow", "POST");
            page(response, 405, "Not allowed", paragraph("This page takes a form (POST)."));
            return;
        }
        step.run();
    }

    /** A page a link opens: GET shows a form carrying the token (nothing is used), POST uses it. */
    private void linkPage(boolean post, Purpose purpose, String action, String title, String fields, String button, Step use)
            throws IOException {
        if (post) {
            use.run();
            return;
        }
        String token = field("token");
        if (!recovery.isValid(purpose, token)) {
            invalid();
            return;
        }
        page(response, 200, title, form(request.getContextPath() + RecoveryPages.PREFIX + action, new String[] {
            "token", token}, fields, button));
    }

    private void reset() throws IOException {
        RecoveryOutcome outcome = recovery.resetPassword(response, field("token"), password());
        switch (outcome.result()) {
            case DONE -> after(tokens.settings().signInAfterReset() ? "Your password is set and you are signed in."
                    : "Your password is set. Sign in with it.");
            case PASSWORD_INVALID -> page(response, 422, "Choose another password", paragraph(outcome.refusal().message())
                    + form(request.getContextPath() + RecoveryPages.PREFIX + "reset", new String[] {"token", field("token")},
                    passwordField(), "Set password"));
            default -> invalid();
        }
    }

    private void verify() throws IOException {
        RecoveryOutcome outcome = recovery.verifyAddress(field("token"));
        switch (outcome.result()) {
            case DONE -> page(response, 200, "Address confirmed", paragraph("Thank you: your e-mail address is confirmed."));
            case ADDRESS_TAKEN -> page(response, 409, "Address in use", paragraph("Another account has this address now."));
            default -> invalid();
        }
    }

    private void signIn(boolean post) throws IOException {
        if (!post) {
            if (!recovery.signInByLink()) {
                page(response, 404, "Not found", paragraph("There is no such page here."));
                return;
            }
            linkPage(false, Purpose.SIGN_IN, "sign-in/link", "Sign in", RecoveryPages.rememberField(), "Sign in", null);
            return;
        }
        boolean byCode = "code".equals(optionalField("by"));
        if (byCode ? !recovery.signInByCode() : !recovery.signInByLink()) {
            page(response, 404, "Not found", paragraph("Sign-in by " + (byCode ? "code" : "link") + " is off."));
            return;
        }
        if (!byCode) {
            sent(signIns.requestSignInLink(field("address")));
            return;
        }
        RecoveryOutcome outcome = signIns.requestSignInCode(field("address"));
        if (outcome.result() == RecoveryOutcome.Result.ADDRESS_INVALID) {
            notAnAddress();
            return;
        }
        if (throttled(outcome)) {
            return;
        }
        response.addHeader("Set-Cookie", challengeCookie(outcome.challenge(), tokens.lifetime(Purpose.SIGN_IN)));
        codeForm(200, SENT);
    }

    private void code() throws IOException {
        RecoveryOutcome outcome = signIns.signInWithCode(response, challenge(), field("code"), remember());
        if (throttled(outcome)) {
            return;
        }
        if (outcome.done()) {
            response.addHeader("Set-Cookie", challengeCookie("", Duration.ZERO));
            after("You are signed in.");
            return;
        }
        codeForm(401, "That code is not right, or it has expired (" + RecoveryMessage.TOKEN_REFUSED.id() + ").");
    }

    private void firstPassword() throws IOException {
        RecoveryOutcome outcome = recovery.setFirstPassword(password());
        switch (outcome.result()) {
            case DONE -> page(response, 200, "Password set", paragraph("Your account has a password now."));
            case PASSWORD_INVALID -> page(response, 422, "Choose another password", paragraph(outcome.refusal().message()));
            default -> page(response, 403, "Not allowed", paragraph("Sign in first; an account with a password changes it instead."));
        }
    }

    private void codeForm(int status, String text) throws IOException {
        page(response, status, "Type your code", paragraph(text) + form(request.getContextPath() + RecoveryPages.PREFIX
                + "sign-in/code", new String[0], codeField() + RecoveryPages.rememberField(), "Sign in"));
    }

    private void sent(RecoveryOutcome outcome) throws IOException {
        if (outcome.result() == RecoveryOutcome.Result.ADDRESS_INVALID) {
            notAnAddress();
        } else if (!throttled(outcome)) {
            page(response, 200, "Check your mail", paragraph(SENT));
        }
    }

    private void notAnAddress() throws IOException {
        page(response, 400, "Not an address", paragraph("Type the e-mail address of your account."));
    }

    private void signedIn(RecoveryOutcome outcome) throws IOException {
        if (outcome.done()) {
            after("You are signed in.");
        } else {
            invalid();
        }
    }

    /** After a flow: to the application's front page, or to sign in when it left nobody signed in. */
    private void after(String text) throws IOException {
        String home = request.getContextPath() + "/";
        String next = sessions.resolve(request, null).activeSession().isPresent() ? home
                : sessions.loginRedirect(request).orElse(home);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", next);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(text + "\n");
    }

    private boolean throttled(RecoveryOutcome outcome) throws IOException {
        if (outcome.result() != RecoveryOutcome.Result.THROTTLED) {
            return false;
        }
        long seconds = Math.max(1, (outcome.retryAfter().toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        page(response, 429, "Too many attempts", paragraph("Wait " + seconds + " seconds, then try again ("
                + RecoveryMessage.RECOVERY_THROTTLED.id() + ")."));
        return true;
    }

    private void invalid() throws IOException {
        sessions.reportRefusal(request, response, RecoveryReason.TOKEN_REFUSED, "a link or code was refused", false);
        page(response, 400, "This link does not work", paragraph("It was used already, a newer one was sent, or it expired ("
                + RecoveryMessage.TOKEN_REFUSED.id() + "). Ask for a new one."));
    }

    private String challengeCookie(String value, Duration life) {
        boolean secure = sessions.cookieSettings(request).secure();
        return (secure ? "__Host-" : "") + "latchkey-code=" + value + "; Path=/; Max-Age=" + life.toSeconds() + "; HttpOnly"
                + (secure ? "; Secure" : "") + "; SameSite=Strict";
    }

    private String challenge() {
        String name = (sessions.cookieSettings(request).secure() ? "__Host-" : "") + "latchkey-code";
        Cookie[] cookies = request.getCookies();
        String found = null;
        for (Cookie cookie : cookies == null ? new Cookie[0] : cookies) {
            if (cookie.getName().equals(name)) {
                if (found != null) {
                    throw new RecoveryFilter.BadInput("the code's cookie came twice");
                }
                found = cookie.getValue();
            }
        }
        return found;
    }

    private boolean remember() {
        return "on".equals(optionalField("remember"));
    }

    private char[] password() {
        return field("password").toCharArray();
    }

    private String field(String name) {
        String value = optionalField(name);
        if (value == null || value.isEmpty()) {
            throw new RecoveryFilter.BadInput("the field " + name + " is missing");
        }
        return value;
    }

    private String optionalField(String name) {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return null;
        }
        if (values.length > 1 || values[0].length() > MAX_FIELD) {
            throw new RecoveryFilter.BadInput("the field " + name + " is repeated or too long");
        }
        return values[0];
    }
}
