package dev.latchkey.it.app;

import dev.latchkey.account.Accounts;
import dev.latchkey.oauth.OAuthSignIn;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The providers: GET lists the configured ones with their sign-in paths, then the signed-in user's
 * linked ones ({@code linked <provider> <subject>}); {@code ?call=github} asks GitHub's API who the
 * user is with the kept token. POST {@code unlink=<provider>} unlinks one.
 */
@WebServlet("/providers")
public class ProvidersServlet extends HttpServlet {

    @Inject
    OAuthSignIn oauth;

    @Inject
    Accounts accounts;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        PrintWriter out = response.getWriter();
        if ("github".equals(request.getParameter("call"))) {
            out.print(accounts.providerTokens("github").map(tokens -> "github says " + callGitHub(tokens.accessToken())
                    + " with scopes " + tokens.scopes()).orElse("no tokens kept"));
            return;
        }
        for (String provider : oauth.providers()) {
            out.print(provider + " " + oauth.signInPath(provider, "/me") + "\n");
        }
        accounts.linkedProviders().forEach(l -> out.print("linked " + l.provider() + " " + l.subject() + "\n"));
    }

    private String callGitHub(String accessToken) {
        String api = getServletContext().getInitParameter("latchkey.oauth.github.api-url");
        try {
            java.net.http.HttpResponse<String> user = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(api + "/user")).header("Authorization", "Bearer " + accessToken)
                    .header("User-Agent", "latchkey-it").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return user.statusCode() + " " + user.body().replaceAll(".*\"login\":\"([^\"]*)\".*", "login=$1");
        } catch (IOException | InterruptedException e) {
            return e.getClass().getSimpleName();
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("unlinked " + accounts.unlinkProvider(request.getParameter("unlink")));
    }
}
