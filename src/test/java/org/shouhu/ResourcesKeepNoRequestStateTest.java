package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One instance of each JAX-RS resource serves every request of every tenant (they are application-scoped since
 * session 11: Weld built and injected a request-scoped resource for every request). So a resource may hold nothing
 * but what is injected: container beans, whose own request-bound state (the caller, the request's URI and headers)
 * comes through proxies. A plain field would carry one request's values, one tenant's even, into the next.
 */
class ResourcesKeepNoRequestStateTest {

  @Test
  void everyResourceIsOneInstanceHoldingOnlyInjectedFields() throws Exception {
    List<Class<?>> resources = resources();
    assertTrue(resources.size() >= 30, "found " + resources.size() + " resources: is target/classes there?");
    List<String> wrong = new ArrayList<>();
    for (Class<?> resource : resources) {
      if (!resource.isAnnotationPresent(ApplicationScoped.class)) {
        wrong.add(resource.getName() + " is not @ApplicationScoped");
      }
      for (Field field : resource.getDeclaredFields()) {
        boolean injected = field.isAnnotationPresent(Inject.class) || field.isAnnotationPresent(Context.class);
        if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic() && !injected) {
          wrong.add(resource.getName() + "." + field.getName() + " is neither @Inject nor @Context");
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  private static List<Class<?>> resources() throws IOException, ClassNotFoundException {
    Path classes = Path.of("target", "classes");
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name, false, ResourcesKeepNoRequestStateTest.class.getClassLoader());
        if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
          found.add(type);
        }
      }
    }
    return found;
  }
}
