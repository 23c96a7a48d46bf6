package org.shouhu.tools.floor;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The write path's floor (#15): the least an application on this stack can do for a worker's POST. Not part of
 * Shouhu; {@link org.shouhu.tools.WriteFloor} writes it into a WAR of its own for the benchmarks.
 */
@ApplicationScoped
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles("SOCIAL_WORKER")
public class FloorApplication extends Application {}
