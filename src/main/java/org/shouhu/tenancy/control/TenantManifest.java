package org.shouhu.tenancy.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tenant as described in {@code tenants/<slug>/tenant.json}. Passwords are never in the manifest: a user
 * names the environment variable that holds theirs, or gets a generated one printed once.
 */
public record TenantManifest(
    Path source,
    String slug,
    String displayName,
    String kind,
    String creditCode,
    String divisionCode,
    String timeZone,
    List<UserEntry> users) {

  public record UserEntry(String username, String displayName, List<String> roles, String passwordEnv) {}

  public static TenantManifest read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonReader json = Json.createReader(reader)) {
      JsonObject o = json.readObject();
      if (o.containsKey("password")) {
        throw new IllegalStateException(file + ": manifests must not contain passwords; use passwordEnv");
      }
      List<UserEntry> users =
          o.getJsonArray("users") == null
              ? List.of()
              : o.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                  .map(
                      u -> {
                        if (u.containsKey("password")) {
                          throw new IllegalStateException(
                              file + ": manifests must not contain passwords; use passwordEnv");
                        }
                        return new UserEntry(
                            u.getString("username"),
                            u.getString("displayName"),
                            u.getJsonArray("roles").getValuesAs(JsonString.class).stream()
                                .map(JsonString::getString)
                                .toList(),
                            text(u, "passwordEnv"));
                      })
                  .toList();
      return new TenantManifest(
          file,
          o.getString("slug"),
          o.getString("displayName"),
          o.getString("kind"),
          text(o, "creditCode"),
          text(o, "divisionCode"),
          text(o, "timeZone") == null ? "Asia/Shanghai" : text(o, "timeZone"),
          users);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read tenant manifest " + file, e);
    } catch (RuntimeException e) {
      if (e instanceof IllegalStateException) {
        throw e;
      }
      throw new IllegalStateException("tenant manifest " + file + " is not valid: " + e.getMessage(), e);
    }
  }

  /** Every {@code tenant.json} one level below the folder, in a stable order. */
  public static List<TenantManifest> readAll(Path folder) {
    try (var dirs = Files.list(folder)) {
      return dirs.filter(Files::isDirectory)
          .map(d -> d.resolve("tenant.json"))
          .filter(Files::isRegularFile)
          .sorted()
          .map(TenantManifest::read)
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list tenants in " + folder, e);
    }
  }

  private static String text(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof JsonString s ? s.getString() : null;
  }
}
