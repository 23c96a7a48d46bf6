package org.shouhu.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import org.shouhu.problems.entity.InvalidValueException;

/**
 * The minimum a password must meet. Length matters most (NIST SP 800-63B); we also ask for two kinds of
 * character because many of our users otherwise choose a phone number or a birth date, and refuse the handful
 * of passwords that every cracking list tries first.
 */
@ApplicationScoped
public class PasswordPolicy {

  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 128;

  private static final Set<String> COMMON =
      Set.of(
          "1234567890", "12345678910", "0123456789", "qwertyuiop", "1q2w3e4r5t", "password123",
          "password1234", "abc1234567", "a123456789", "woaini1314", "qwerty12345", "iloveyou12",
          "admin12345", "admin123456", "shouhu12345", "1qaz2wsx3edc");
  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final SecureRandom random = new SecureRandom();

  public void check(String password, String username) {
    if (password == null || password.isEmpty()) {
      throw new InvalidValueException("PASSWORD_REQUIRED", "A password is required.");
    }
    if (password.length() < MIN_LENGTH) {
      throw new InvalidValueException(
          "PASSWORD_TOO_SHORT", "A password has at least " + MIN_LENGTH + " characters.");
    }
    if (password.length() > MAX_LENGTH) {
      throw new InvalidValueException(
          "PASSWORD_TOO_LONG", "A password has at most " + MAX_LENGTH + " characters.");
    }
    boolean letter = password.chars().anyMatch(Character::isLetter);
    boolean digit = password.chars().anyMatch(Character::isDigit);
    boolean other = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
    if ((letter ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0) < 2) {
      throw new InvalidValueException(
          "PASSWORD_TOO_SIMPLE", "A password mixes at least two of: letters, digits, other characters.");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (COMMON.contains(lower)) {
      throw new InvalidValueException("PASSWORD_TOO_COMMON", "This password is among the most guessed ones.");
    }
    if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
      throw new InvalidValueException("PASSWORD_CONTAINS_USERNAME", "A password may not contain the username.");
    }
  }

  /** A temporary password that meets the policy, for resets and first provisioning. */
  public String generate() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      if (i == 4 || i == 9) {
        s.append('-');
      }
    }
    // Guarantee a digit so the "two kinds" rule holds whatever the draw.
    s.setCharAt(s.length() - 1, (char) ('2' + random.nextInt(8)));
    return s.toString();
  }
}
