/**
 * Web: the browser application for workers, managers and the bureau (issue #6), served by this WAR at {@code /}
 * from {@code src/main/webapp} next to the API at {@code /api}.
 *
 * <p>Owns how the application's files reach the browser: the security headers every answer carries (a strict
 * Content-Security-Policy, so that even a slip in a screen cannot run injected script) and revalidation of the
 * modules, so a new deployment is picked up at the next load. The screens themselves are plain ES modules without a
 * build step (ADR 0010, docs/web.md); they read and write only through the JSON API and never see more than the
 * API shows their user.
 *
 * <p>Refuses: being framed by another site, inline or foreign script, plugins.
 */
package org.shouhu.web;
