package dev.latchkey.demo;

import dev.latchkey.cdi.CurrentUser;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The public start page. */
@WebServlet("")
public class HomeServlet extends HttpServlet {

    @Inject
    CurrentUser user;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Page.render(response, user, "Welcome", """
                <p>This application uses Latchkey exactly as yours would: one jar in WEB-INF/lib, the
                built-in account store and its recovery flows switched on in web.xml, and nothing else.</p>
                <p><a href="signup">Sign up</a>, <a href="signin">sign in</a> (with or without "remember me"),
                and look at <a href="account">your account</a>: your sessions, revoking them, changing your password.
                The first account created is the administrator: it may open the <a href="admin">admin page</a>.</p>
                <p>Give an e-mail address when you sign up, and Latchkey's recovery flows work: confirm the address,
                "Forgot your password?", sign in with a code or a link. The demo sends no mail: the messages land in its
                <a href="outbox">development outbox</a>, where you read them as you would your mail.</p>
                """);
    }
}
