package org.shouhu.tenancy.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.identity.entity.Role;
import org.shouhu.identity.entity.Username;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.tenancy.entity.CreditCode;
import org.shouhu.tenancy.entity.Slug;
import org.shouhu.tenancy.entity.TenantKind;

class TenantManifestTest {

  /** The repository's own tenants; surefire runs in the project folder. */
  private static final Path REPOSITORY_TENANTS = Path.of("tenants");

  @TempDir Path dir;

  @Test
  void readsTheFourDemoTenantsInSlugOrder() {
    List<TenantManifest> manifests = TenantManifest.readAll(REPOSITORY_TENANTS);
    assertEquals(
        List.of("chunhui-sw", "platform", "shouwang-sw", "tianmen-mzj"),
        manifests.stream().map(TenantManifest::slug).toList());
    for (TenantManifest m : manifests) {
      assertEquals(m.slug(), m.source().getParent().getFileName().toString(), "folder named after the slug");
      assertEquals(m.slug(), new Slug(m.slug()).value());
    }
  }

  @Test
  void demoTenantsCarryValidCodesForTheirKind() {
    for (TenantManifest m : TenantManifest.readAll(REPOSITORY_TENANTS)) {
      TenantKind kind = TenantKind.valueOf(m.kind());
      ZoneId.of(m.timeZone());
      switch (kind) {
        case ORGANIZATION -> assertEquals(m.creditCode(), CreditCode.of(m.creditCode()).value(), m.slug());
        case BUREAU -> {
          assertEquals(DivisionCode.Level.COUNTY, DivisionCode.of(m.divisionCode()).level(), m.slug());
          if (m.creditCode() != null) {
            CreditCode.of(m.creditCode());
          }
        }
        case PLATFORM -> {
          assertNull(m.creditCode());
          assertNull(m.divisionCode());
        }
      }
    }
  }

  @Test
  void demoUsersHaveRolesTheirTenantAllowsAndNoPassword() {
    for (TenantManifest m : TenantManifest.readAll(REPOSITORY_TENANTS)) {
      Set<Role> allowed = Role.allowedIn(TenantKind.valueOf(m.kind()));
      assertFalse(m.users().isEmpty(), m.slug());
      for (TenantManifest.UserEntry u : m.users()) {
        new Username(u.username());
        assertFalse(u.roles().isEmpty(), u.username());
        assertTrue(allowed.containsAll(u.roles().stream().map(Role::valueOf).collect(Collectors.toSet())),
            m.slug() + "/" + u.username());
        assertEquals("SHOUHU_DEMO_PASSWORD", u.passwordEnv(), "demo passwords come from the environment");
      }
    }
  }

  @Test
  void defaultsTheTimeZoneToShanghai() throws IOException {
    Path file = manifest("minimal", """
        {"slug": "minimal", "displayName": "最小", "kind": "PLATFORM"}
        """);
    TenantManifest m = TenantManifest.read(file);
    assertEquals("Asia/Shanghai", m.timeZone());
    assertEquals(List.of(), m.users());
    assertEquals(file, m.source());
  }

  @Test
  void refusesAManifestWithAPassword() throws IOException {
    Path file = manifest("leaky", """
        {"slug": "leaky", "displayName": "泄露", "kind": "PLATFORM", "password": "Secret-2026"}
        """);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TenantManifest.read(file));
    assertTrue(e.getMessage().contains("passwordEnv"), e.getMessage());
    assertFalse(e.getMessage().contains("Secret-2026"), "the refusal does not repeat the password");
  }

  @Test
  void refusesAUserEntryWithAPassword() throws IOException {
    Path file = manifest("leaky-user", """
        {"slug": "leaky-user", "displayName": "泄露", "kind": "PLATFORM",
         "users": [{"username": "operator", "displayName": "运营", "roles": ["PLATFORM_ADMIN"],
                    "password": "Secret-2026"}]}
        """);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TenantManifest.read(file));
    assertTrue(e.getMessage().contains("passwordEnv"), e.getMessage());
    assertFalse(e.getMessage().contains("Secret-2026"));
  }

  @Test
  void refusesAManifestWithoutASlugNamingTheFile() throws IOException {
    Path file = manifest("no-slug", """
        {"displayName": "无名", "kind": "PLATFORM"}
        """);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TenantManifest.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void skipsFoldersWithoutAManifest() throws IOException {
    manifest("one", """
        {"slug": "one", "displayName": "一", "kind": "PLATFORM"}
        """);
    Files.createDirectories(dir.resolve("empty"));
    Files.writeString(dir.resolve("stray.json"), "{}");
    List<TenantManifest> all = TenantManifest.readAll(dir);
    assertEquals(1, all.size());
    assertNotNull(all.get(0).displayName());
  }

  private Path manifest(String folder, String json) throws IOException {
    Path file = dir.resolve(folder).resolve("tenant.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }
}
