package org.shouhu.tenancy.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.shouhu.tenancy.control.TenantManifest;

/**
 * Provisions the tenants described under {@code shouhu.provision.dir} (the repository's {@code tenants/} in a dev
 * run) at startup, after the schema is migrated. Each manifest commits on its own, so one broken manifest does
 * not hold back the others, and the run can be repeated at every start.
 */
@ApplicationScoped
public class Provisioning {

  private static final Logger LOG = Logger.getLogger(Provisioning.class.getName());

  @Inject TenantProvisioner provisioner;

  @Inject
  @ConfigProperty(name = "shouhu.provision.dir")
  Optional<String> folder;

  @Inject
  @ConfigProperty(name = "shouhu.public-url", defaultValue = "http://localhost:8080")
  String publicUrl;

  void atStartup(@Observes @Priority(300) Startup startup) {
    folder.map(Path::of).filter(Files::isDirectory).ifPresent(dir -> announce(provision(dir)));
  }

  public List<TenantProvisioner.NewLogin> provision(Path dir) {
    List<TenantProvisioner.NewLogin> created = new ArrayList<>();
    for (TenantManifest manifest : TenantManifest.readAll(dir)) {
      created.addAll(provisioner.apply(manifest));
    }
    LOG.info(() -> "provisioned tenants from " + dir + ": " + created.size() + " new login(s)");
    return created;
  }

  /** Generated passwords go to the console once, at the moment they are created, and are stored nowhere. */
  private void announce(List<TenantProvisioner.NewLogin> created) {
    StringBuilder out = new StringBuilder();
    out.append("\n==================== Shouhu 守护 ====================\n");
    out.append("  Running at ").append(publicUrl).append("   (API under /api/v1, OpenAPI at /openapi)\n");
    if (created.isEmpty()) {
      out.append("  Demo logins already exist; their passwords were shown when they were created.\n");
      out.append("  (Set SHOUHU_DEMO_PASSWORD before the first start to choose one yourself.)\n");
    } else {
      out.append("  New logins (tenant / username / roles / password):\n");
      for (var login : created) {
        out.append(String.format("    %-14s %-12s %-28s %s%n", login.tenant(), login.username(),
            String.join(",", login.roles()),
            login.generatedPassword() == null ? "(from environment)" : login.generatedPassword()));
      }
      out.append("  Generated passwords are shown only now and must be changed at first login.\n");
    }
    out.append("====================================================\n");
    System.out.println(out);
  }
}
