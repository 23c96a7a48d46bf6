package org.shouhu.tenancy.control;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Registered in persistence.xml as EclipseLink's session event listener. The container creates an entity
 * manager while it deploys the application, before any CDI bean or startup event exists; this is the last moment
 * before that first connection, so the database is started and migrated here.
 */
public class SchemaBeforeLogin extends SessionEventAdapter {

  @Override
  public void preLogin(SessionEvent event) {
    DatabaseBootstrap.ensureReady(ConfigProvider.getConfig(SchemaBeforeLogin.class.getClassLoader()));
  }
}
