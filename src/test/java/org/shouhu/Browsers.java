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
      // The console is read by assertScreenClean: an error logged there is a defect on that screen.
      options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
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
      if (width < 500) {
        // Headless Chromium keeps its window at least 500 px wide whatever --window-size says: a phone's width is
        // only real through DevTools' device metrics.
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
            Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
      }
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

  /**
   * The screen passes {@link #assertScreenClean} in Chinese, then in English (the language button redraws it), and is
   * left in Chinese. {@code drawn} is an element the screen shows once drawn. The redraw loses whatever was typed, so
   * call this before filling a form.
   */
  public static void assertCleanInBothLanguages(ChromeDriver browser, String where, By drawn) {
    waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(drawn));
    assertScreenClean(browser, where + " (zh-CN)");
    for (String lang : new String[] {"en", "zh-CN"}) {
      browser.findElement(By.id("lang")).click();
      waitFor(browser).until(d -> lang.equals(browser.executeScript("return document.documentElement.lang"))
          && !d.findElements(drawn).isEmpty() && d.findElements(By.cssSelector("main .loading")).isEmpty());
      waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(drawn));
      if (lang.equals("en")) {
        assertScreenClean(browser, where + " (en)");
      }
    }
  }

  /**
   * What the product promises on every screen (docs/web.md): nothing wider than the window, nothing tappable under
   * 44 × 44 px (a radio or checkbox counts through its label), no raw code, {@code null}, {@code undefined} or
   * {@code NaN} in the text, no chrome in Chinese when English is chosen, and no console error since the last check.
   * {@code where} names the screen in the failure message.
   */
  public static void assertScreenClean(ChromeDriver browser, String where) {
    List<String> faults = screenFaults(browser);
    assertTrue(faults.isEmpty(), where + ": " + String.join("; ", faults));
  }

  /** The faults {@link #assertScreenClean} would report, for tests that collect them over many screens. */
  @SuppressWarnings("unchecked")
  public static List<String> screenFaults(ChromeDriver browser) {
    List<String> faults = new ArrayList<>((List<String>) browser.executeScript(SCREEN_CHECK));
    for (String error : consoleErrors(browser)) faults.add("console error: " + error);
    return faults;
  }

  /** Reads (and so clears) the console's errors: call it to drain errors a test caused on purpose. */
  public static List<String> consoleErrors(ChromeDriver browser) {
    List<String> errors = new ArrayList<>();
    for (var entry : browser.manage().logs().get("browser")) {
      if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) errors.add(entry.getMessage());
    }
    return errors;
  }

  private static final String SCREEN_CHECK = """
      const faults = [];
      const doc = document.documentElement;
      if (doc.scrollWidth > window.innerWidth) faults.push('sideways scrolling: ' + doc.scrollWidth + ' > ' + window.innerWidth);
      const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('.sr-only'); };
      const wide = [...document.querySelectorAll('main *, header *, nav *')].filter((el) => visible(el)
        && el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.scroll-x'));
      if (wide.length) faults.push('wider than the window: ' + wide.slice(0, 3).map((el) => el.tagName.toLowerCase()
        + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ')[0] : '')).join(', '));
      const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 20) + '"';
      const tappable = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])');
      for (const el of tappable) {
        if (el.id === 'skip-link' || el.closest('.sr-only')) continue;
        let target = el;
        if (el.matches('input[type=radio], input[type=checkbox]')) {
          target = (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) || el.closest('label') || el;
        }
        if (!visible(target) && !visible(el)) continue;
        const r = target.getBoundingClientRect();
        if (r.height < 43.5 || r.width < 43.5) faults.push('tap target ' + Math.round(r.width) + '×' + Math.round(r.height) + ' px: ' + name(el));
      }
      const text = document.body.innerText;
      const words = text.match(/(^|[^A-Za-z])(null|undefined|NaN)(?![A-Za-z])/g);
      if (words) faults.push('text shows ' + [...new Set(words.map((w) => w.replace(/^[^A-Za-z]/, '')))].join(', '));
      const codes = text.match(/\b[A-Z][A-Z0-9]+(_[A-Z0-9]+)+\b/g);
      if (codes) faults.push('raw codes: ' + [...new Set(codes)].slice(0, 5).join(', '));
      if (document.documentElement.lang === 'en') {
        const chrome = [...document.querySelectorAll('nav a, h1, h2, th, legend, label, button, .badge, .tabs a')].filter((el) => {
          if (!visible(el) || el.id === 'lang' || el.closest('[data-data]')) return false;
          const copy = el.cloneNode(true);
          copy.querySelectorAll('.sr-only, [data-data]').forEach((c) => c.remove());
          return /[\u3400-\u9fff]/.test(copy.textContent);
        });
        if (chrome.length) faults.push('Chinese chrome in English: ' + chrome.slice(0, 3).map(name).join(', '));
      }
      return faults;
      """;

  /** Saves the window as target/screenshots/{name}.png (docs/web.md says which are copied to docs/screenshots). */
  public static void screenshot(ChromeDriver browser, String name) throws IOException {
    Path dir = Path.of(System.getProperty("shouhu.it.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * A tap on a phone: the element is scrolled to the middle of the screen, must be what a finger there would touch
   * (not covered, not off screen), and is then clicked. The click is dispatched to the element rather than to the
   * point: under DevTools' mobile emulation a WebDriver click near the end of a page lands some 80 px below the point
   * the page reports for the element (seen on the portfolio's last card), a quirk of the emulation, not of the app.
   */
  public static void tap(ChromeDriver phone, WebElement el) {
    Object covered = phone.executeScript("const el = arguments[0]; el.scrollIntoView({block: 'center'});"
        + "const r = el.getBoundingClientRect(); const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
        + "const label = el.id && document.querySelector('label[for=\"' + CSS.escape(el.id) + '\"]');"
        + "return at && (el.contains(at) || at.contains(el) || (label && label.contains(at))) ? null"
        + " : (at ? at.tagName + '.' + at.className + ' ' + (at.textContent || '').trim().slice(0, 30) : 'nothing');", el);
    assertTrue(covered == null, covered + " is what a tap on " + el.getTagName() + " \"" + el.getText() + "\" would touch");
    phone.executeScript("arguments[0].click();", el);
  }
}
