package org.shouhu.identity.control;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name a device session is listed under, so a user can tell their phone from the office laptop: what the
 * client calls itself if it says, otherwise a browser and system read from the User-Agent ("Chrome · Android"),
 * otherwise "Unknown device". Never longer than 100 characters and never with control characters.
 */
public final class DeviceLabel {

  private static final Pattern[] BROWSERS = {
    Pattern.compile("(MicroMessenger)/"), Pattern.compile("(Edg)/"), Pattern.compile("(OPR)/"),
    Pattern.compile("(Firefox)/"), Pattern.compile("(HeadlessChrome|Chrome|CriOS)/"), Pattern.compile("(Safari)/"),
  };

  private DeviceLabel() {}

  public static String of(String clientLabel, String userAgent) {
    String given = clean(clientLabel);
    if (!given.isEmpty()) {
      return given;
    }
    String agent = userAgent == null ? "" : userAgent;
    String browser = browser(agent);
    String system = system(agent);
    if (browser == null && system == null) {
      String raw = clean(agent);
      return raw.isEmpty() ? "Unknown device" : raw;
    }
    return browser == null ? system : system == null ? browser : browser + " · " + system;
  }

  private static String browser(String agent) {
    for (Pattern p : BROWSERS) {
      Matcher m = p.matcher(agent);
      if (m.find()) {
        return switch (m.group(1)) {
          case "MicroMessenger" -> "WeChat";
          case "Edg" -> "Edge";
          case "OPR" -> "Opera";
          case "CriOS", "HeadlessChrome" -> "Chrome";
          default -> m.group(1);
        };
      }
    }
    return null;
  }

  private static String system(String agent) {
    if (agent.contains("HarmonyOS")) return "HarmonyOS";
    if (agent.contains("Android")) return "Android";
    if (agent.contains("iPhone") || agent.contains("iPad")) return "iOS";
    if (agent.contains("Windows")) return "Windows";
    if (agent.contains("Mac OS X")) return "macOS";
    if (agent.contains("Linux")) return "Linux";
    return null;
  }

  private static String clean(String text) {
    if (text == null) {
      return "";
    }
    String plain = text.replaceAll("\\p{Cntrl}", " ").strip().replaceAll("\\s+", " ");
    return plain.length() > 100 ? plain.substring(0, 100) : plain;
  }
}
