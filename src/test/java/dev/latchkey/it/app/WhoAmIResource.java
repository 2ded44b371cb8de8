package dev.latchkey.it.app;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.cdi.RecentSignIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.util.TreeSet;

/** REST resources for signed-in users, auditors and administrators. A CDI bean, so that @RecentSignIn applies. */
@Path("/")
@RequestScoped
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

    /** A role no class declares with @DeclareRoles: Latchkey declares it from this annotation. */
    @GET
    @Path("audit")
    @RolesAllowed("auditor")
    @Produces("text/plain")
    public String audit(@Context SecurityContext security) {
        return "auditor ok";
    }

    /** A sensitive action: only after a sign-in in the last ten minutes. */
    @POST
    @Path("sensitive")
    @RolesAllowed("user")
    @RecentSignIn(maxAge = "10m")
    @Produces("text/plain")
    public String sensitive() {
        return "sensitive ok";
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    @Produces("text/plain")
    public String admin() {
        return "admin ok";
    }
}
