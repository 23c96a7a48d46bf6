package org.shouhu.tenancy.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.poi.openxml4j.util.ZipInputStreamZipEntrySource;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;

/**
 * The one folder where this process writes temporary files: {@code <java.io.tmpdir>/shouhu-scratch-<pid>}, mode
 * 700. Uploads being received (sealed under a key that lives only in memory), POI's spill files (XLSX imports and
 * exports) and PDFBox's page cache all go here, so one rule removes whatever a killed process left behind.
 *
 * <p>At start-up, before anything else runs, the sweep deletes the scratch folders of processes that are no longer
 * alive (a folder of a live process — another node on the same machine — is left alone) and every
 * {@code shouhu-ledger-*} file, the plaintext uploads that versions before this one left in the temporary directory
 * after a {@code kill -9}. A clean shutdown deletes this process's own folder.
 */
@ApplicationScoped
public class ScratchSpace {

  private static final Logger LOG = Logger.getLogger(ScratchSpace.class.getName());
  static final String PREFIX = "shouhu-scratch-";
  /** Files the ledger upload of earlier versions wrote in plaintext. */
  static final String LEGACY_UPLOAD = "shouhu-ledger-";
  private static final Pattern SCRATCH = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)");
  /** XLSX parts larger than this spill to (encrypted) files instead of memory while a workbook is read. */
  static final int SPILL_BYTES = 8 * 1024 * 1024;

  private static volatile Path current;
  private Path folder;

  /**
   * The scratch folder once start-up has made it, for code that is not a bean (PDFBox's page cache in
   * {@code PdfReport}); the JVM's temporary directory before that (unit tests).
   */
  public static Path directory() {
    Path dir = current;
    return dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** Before the database, the keys and the job worker: nothing may write a temporary file before the sweep. */
  void start(@Observes @Priority(50) Startup startup) {
    folder();
  }

  public synchronized Path folder() {
    if (folder == null) {
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      int swept = sweep(tmp, pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      if (swept > 0) {
        LOG.warning(swept + " temporary files or folders left by stopped processes were deleted at start-up");
      }
      folder = create(tmp.resolve(PREFIX + ProcessHandle.current().pid()));
      TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(folder.toFile()));
      ZipInputStreamZipEntrySource.setThresholdBytesForTempFiles(SPILL_BYTES);
      ZipInputStreamZipEntrySource.setEncryptTempFiles(true);
      current = folder;
    }
    return folder;
  }

  /** A new private file in the scratch folder; the caller deletes it. */
  public Path newFile(String prefix) throws IOException {
    return Files.createTempFile(folder(), prefix, ".tmp");
  }

  /**
   * Deletes the leftovers in {@code tmp}: scratch folders of processes {@code alive} says are gone, and legacy
   * plaintext uploads. Returns how many top-level entries were deleted.
   */
  static int sweep(Path tmp, LongPredicate alive) {
    int deleted = 0;
    List<Path> entries;
    try (Stream<Path> list = Files.list(tmp)) {
      entries = list.toList();
    } catch (IOException e) {
      LOG.warning("could not list " + tmp + " to sweep leftovers: " + e.getClass().getName());
      return 0;
    }
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      Matcher scratch = SCRATCH.matcher(name);
      boolean leftover = name.startsWith(LEGACY_UPLOAD)
          || (scratch.matches() && !alive.test(Long.parseLong(scratch.group(1))));
      if (leftover && deleteTree(entry)) {
        deleted++;
      }
    }
    return deleted;
  }

  private static boolean deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
      return true;
    } catch (IOException | UncheckedIOException e) {
      LOG.warning("could not delete the leftover " + root + ": " + e.getClass().getName());
      return false;
    }
  }

  private static Path create(Path dir) {
    try {
      if (Files.exists(dir)) {
        deleteTree(dir);
      }
      return Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the scratch folder " + dir, e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (folder != null) {
      current = null;
      deleteTree(folder);
    }
  }
}
