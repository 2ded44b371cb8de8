package dev.latchkey.it.app;

import dev.latchkey.cdi.CurrentUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.util.TreeSet;

/** A REST resource for signed-in users and one for administrators. */
@Path("/")
public class WhoAmIResource {

    @Inject
    CurrentUser user;

    @GET
    @Path("whoami")
    @RolesAllowed("user")
    @Produces("text/plain")
    public String whoAmI(@Context SecurityContext security) {
        return "principal=" + security.getUserPrincipal().getName() + "\nadmin=" + security.isUserInRole("admin")
                + "\ncurrent.id=" + user.id() + "\ncurrent.groups=" + new TreeSet<>(user.groups());
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    @Produces("text/plain")
    public String admin() {
        return "admin ok";
    }
}
