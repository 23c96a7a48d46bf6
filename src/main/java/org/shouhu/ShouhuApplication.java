package org.shouhu;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The JSON API. Every resource below {@code /api/v1} requires a verified MP-JWT bearer token except the token
 * endpoint itself; the JWKS document, health, metrics and OpenAPI live outside this path.
 */
@ApplicationScoped
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"SOCIAL_WORKER", "SUPERVISOR", "ORG_ADMIN", "BUREAU_OFFICER", "PLATFORM_ADMIN"})
@OpenAPIDefinition(
    info =
        @Info(
            title = "Shouhu 守护 API",
            version = "1",
            description =
                "Service ledger for social-work organizations under government purchase contracts."),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public class ShouhuApplication extends Application {}
