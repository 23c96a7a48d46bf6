package org.shouhu;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The application as built by {@code mvn package}, deployed whole: integration tests exercise exactly what runs
 * in production, not a hand-picked subset of classes.
 */
public final class Deployments {

  private Deployments() {}

  public static WebArchive application() {
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
        .importFrom(new File(System.getProperty("shouhu.war")))
        .as(WebArchive.class);
  }
}
