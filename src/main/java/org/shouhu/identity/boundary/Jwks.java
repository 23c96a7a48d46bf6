package org.shouhu.identity.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.shouhu.identity.control.SigningKey;

/**
 * The public key our tokens are signed with, as a JWK Set at the well-known address, so other services (and an
 * MP-JWT deployment configured with {@code mp.jwt.verify.publickey.location} pointing here) can verify them.
 */
@WebServlet("/.well-known/jwks.json")
public class Jwks extends HttpServlet {

  @Inject SigningKey signingKey;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("application/jwk-set+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Cache-Control", "public, max-age=300");
    response.getWriter().write(signingKey.verificationKeys().toString());
  }
}
