package dev.latchkey.internal.recovery;

import static dev.latchkey.internal.web.Html.escape;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The HTML of the recovery pages: small, unstyled, every value escaped. They carry no script; a form posts to
 * the page's own address. The token a link brought is kept in a hidden field, never in the URL the form posts to.
 */
final class RecoveryPages {

    static final String PREFIX = "/latchkey/recovery/";

    private RecoveryPages() {
    }

    static void page(HttpServletResponse response, int status, String title, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + escape(title) + "</title></head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body + "\n</body></html>\n");
    }

    static String paragraph(String text) {
        return "<p>" + escape(text) + "</p>";
    }

    /** A form posting to {@code action} with hidden fields (name, value pairs), visible fields and a button. */
    static String form(String action, String[] hidden, String fields, String button) {
        StringBuilder form = new StringBuilder("<form method=\"post\" action=\"" + escape(action) + "\">\n");
        for (int i = 0; i + 1 < hidden.length; i += 2) {
            form.append("<input type=\"hidden\" name=\"").append(escape(hidden[i])).append("\" value=\"")
                    .append(escape(hidden[i + 1])).append("\">\n");
        }
        return form.append(fields).append("<button type=\"submit\">").append(escape(button)).append("</button>\n</form>")
                .toString();
    }

    static String passwordField() {
        return "<label>New password <input type=\"password\" name=\"password\" autocomplete=\"new-password\" required></label>\n";
    }

    static String rememberField() {
        return "<label><input type=\"checkbox\" name=\"remember\"> Keep me signed in</label>\n";
    }

    static String codeField() {
        return "<label>Code <input name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required></label>\n";
    }
}
