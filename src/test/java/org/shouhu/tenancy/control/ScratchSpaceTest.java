package org.shouhu.tenancy.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchSpaceTest {

  @TempDir Path tmp;

  @Test
  void sweepsLegacyUploadsAndTheScratchOfDeadProcessesOnly() throws IOException {
    Path legacy = Files.writeString(tmp.resolve("shouhu-ledger-123.upload"), "429006201405061234");
    Path dead = Files.createDirectory(tmp.resolve("shouhu-scratch-111"));
    Files.writeString(Files.createDirectory(dead.resolve("poifiles")).resolve("sheet.xml"), "x");
    Files.writeString(dead.resolve("upload-1.tmp"), "sealed");
    Path alive = Files.createDirectory(tmp.resolve("shouhu-scratch-222"));
    Files.writeString(alive.resolve("upload-2.tmp"), "in flight on another node");
    Path other = Files.writeString(tmp.resolve("someone-else.tmp"), "not ours");

    int deleted = ScratchSpace.sweep(tmp, pid -> pid == 222);

    assertEquals(2, deleted);
    assertFalse(Files.exists(legacy), "a plaintext upload of an earlier version is gone");
    assertFalse(Files.exists(dead), "a dead process's scratch folder is gone with what it held");
    assertTrue(Files.exists(alive.resolve("upload-2.tmp")), "a live process keeps its files");
    assertTrue(Files.exists(other), "files that are not the application's stay");
  }
}
