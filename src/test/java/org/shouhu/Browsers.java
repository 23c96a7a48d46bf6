package org.shouhu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser tests' Chromium: Debian's {@code /usr/bin/chromium} driven by {@code /usr/bin/chromedriver}, headless,
 * never one a tool downloads. A test class holds one instance, opens browsers sized like the device it plays (a
 * 360 px phone, a desk) and closes them after each test; each browser has its own profile and download folder.
 * The static helpers are what every browser test does the same way: wait, log in, cut the network, check the page
 * fits a phone, save a screenshot.
 */
public final class Browsers implements AutoCloseable {

  private final List<ChromeDriver> open = new ArrayList<>();
  private final Map<ChromeDriver, Path> profiles = new IdentityHashMap<>();

  /** A fresh headless Chromium of this window size, in China's time zone and language. */
  public ChromeDriver open(int width, int height) {
    Path driver = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    Path chromium = Path.of(System.getProperty("shouhu.it.chromium", "/usr/bin/chromium"));
    assertTrue(Files.isExecutable(driver), driver + " is missing: apt-get install chromium-driver (see docs/web.md)");
    assertTrue(Files.isExecutable(chromium), chromium + " is missing: apt-get install chromium (see docs/web.md)");
    try {
      Path profile = Files.createTempDirectory("shouhu-chromium-");
      Path downloads = Files.createDirectories(profile.resolve("downloads"));
      ChromeOptions options = new ChromeOptions();
      options.setBinary(chromium.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--disable-default-apps", "--lang=zh-CN", "--window-size=" + width + "," + height,
          "--user-data-dir=" + profile);
      Map<String, Object> prefs = new HashMap<>();
      prefs.put("download.default_directory", downloads.toString());
      prefs.put("download.prompt_for_download", false);
      prefs.put("download.directory_upgrade", true);
      prefs.put("safebrowsing.enabled", false);
      options.setExperimentalOption("prefs", prefs);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(driver.toFile())
          .usingAnyFreePort()
          // Times typed into the forms are the phone's local time: a phone in China.
          .withEnvironment(Map.of("TZ", "Asia/Shanghai"))
          .build();
      ChromeDriver browser = new ChromeDriver(service, options);
      open.add(browser);
      profiles.put(browser, profile);
      browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
      try {
        browser.executeCdpCommand("Page.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
      } catch (RuntimeException olderOrNewerChromium) {
        // the preference above is what counts; this only helps headless builds that ignore it
      }
      return browser;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Where this browser saves what it downloads. */
  public Path downloads(ChromeDriver browser) {
    return profiles.get(browser).resolve("downloads");
  }

  /** Quits every browser this instance opened and deletes their profiles. */
  @Override
  public void close() throws IOException {
    open.forEach(ChromeDriver::quit);
    open.clear();
    for (Path profile : profiles.values()) {
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    profiles.clear();
  }

  /** Waits up to 30 s, looking again when the screen is redrawn under the wait (every save redraws it). */
  public static FluentWait<WebDriver> waitFor(ChromeDriver browser) {
    return new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
  }

  /** Opens the app and logs in; returns when the menu is drawn. */
  public static void login(ChromeDriver browser, URL base, String tenant, String username, String password) {
    browser.get(base.toString());
    typeLogin(browser, tenant, username, password);
    waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a")));
  }

  /** Fills and sends the login form, once the module has drawn it (after a load or a refresh: do not race it). */
  public static void typeLogin(ChromeDriver browser, String tenant, String username, String password) {
    waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-submit")));
    for (var entry : Map.of("tenant", tenant, "username", username, "password", password).entrySet()) {
      WebElement input = waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.name(entry.getKey())));
      input.clear();
      input.sendKeys(entry.getValue());
    }
    browser.findElement(By.id("login-submit")).click();
  }

  /** Cuts (or restores) the page's network through DevTools; a service worker's own fetches are not affected. */
  public static void offline(ChromeDriver browser, boolean offline) {
    if (offline) {
      ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
      conditions.setOffline(true);
      browser.setNetworkConditions(conditions);
    } else {
      browser.deleteNetworkConditions();
    }
  }

  /** How many records the header says are waiting on the device (read in one go: the header is redrawn often). */
  public static String pending(ChromeDriver browser) {
    return (String) browser.executeScript("const p = document.getElementById('pending'); return p ? p.dataset.count : null;");
  }

  public static void assertFitsThePhone(ChromeDriver browser) {
    long scroll = ((Number) browser.executeScript("return document.documentElement.scrollWidth;")).longValue();
    long width = ((Number) browser.executeScript("return window.innerWidth;")).longValue();
    assertTrue(scroll <= width, "no sideways scrolling on a 360 px phone: " + scroll + " > " + width);
  }

  /** Saves the window as target/screenshots/{name}.png (docs/web.md says which are copied to docs/screenshots). */
  public static void screenshot(ChromeDriver browser, String name) throws IOException {
    Path dir = Path.of(System.getProperty("shouhu.it.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
