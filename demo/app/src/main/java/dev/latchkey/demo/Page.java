package dev.latchkey.demo;

import dev.latchkey.cdi.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The demo's page frame: a header with the signed-in user and the navigation (the development outbox
 * included), and HTML escaping. Its forms are plain same-origin POSTs: Latchkey's origin check is their CSRF
 * defence, so they carry no token.
 */
final class Page {

    private Page() {
    }

    static void render(HttpServletResponse response, CurrentUser user, String title, String body) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        String who = user.isSignedIn()
                ? "Signed in as <b>" + escape(user.id()) + "</b> · <a href=\"account\">your account</a>"
                  + (user.isInGroup("admin") ? " · <a href=\"admin\">admin</a>" : "")
                  + " · <a href=\"outbox\">outbox</a>"
                  + " · <form class=\"inline\" method=\"post\" action=\"signout\"><button>Sign out</button></form>"
                : "<a href=\"signin\">Sign in</a> · <a href=\"signup\">Sign up</a> · <a href=\"outbox\">outbox</a>";
        response.getWriter().print("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s · Latchkey demo</title>
                <style>
                  body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
                  header { display: flex; justify-content: space-between; border-bottom: 1px solid #ccc; padding-bottom: .5rem; }
                  form.inline { display: inline; } table { border-collapse: collapse; } td, th { padding: .3rem .6rem; border-bottom: 1px solid #eee; text-align: left; }
                  .error { color: #b00; } .note { color: #555; } label { display: block; margin: .4rem 0; }
                </style></head>
                <body><header><a href="./">Latchkey demo</a><span>%s</span></header>
                <h1>%s</h1>
                %s
                </body></html>
                """.formatted(escape(title), who, escape(title), body));
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
