package dev.plangate.core.terraform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.plangate.core.io.InputFile;
import dev.plangate.core.terraform.TerraformPlanReader.StateResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads a plan's {@code prior_state} on a second core while the main pass reads what comes before
 * it (when {@link ReadAhead} cannot read the whole back half). Terraform writes prior_state after
 * planned_values and resource_changes, and a third of a large plan is in it.
 *
 * <p>It is a guess, checked before it is used: the last {@code "prior_state"} key in the file is
 * taken as the top-level one and its object read from there, on a parser of its own. The main
 * pass uses the result only if it finds the top-level prior_state value at exactly that byte, and
 * moves past it to the closing bracket the guess found; otherwise (the last such key was nested
 * somewhere else, or reading it failed in any way) the main pass reads prior_state itself, as if
 * there had been no guess, so every error is the one, at the position, a single pass gives. A
 * JSON object starting at a given byte ends at the same byte whatever precedes it, and the guess
 * reads it with the same parser and checks, one level of nesting fewer allowed, so using it
 * changes nothing but the time taken.
 */
final class PriorStateAhead {
  private static final byte[] KEY = "\"prior_state\"".getBytes(StandardCharsets.US_ASCII);
  private static final int BLOCK = 1 << 20;

  /** The prior_state object read ahead: the byte of its '{' and of its '}'. */
  record Result(long open, long close, int rows, int lastRowColumn, List<StateResource> state) {}

  private PriorStateAhead() {}

  /**
   * prior_state read from its '{' at byte {@code open}, with parsers from {@code factory} (which
   * must allow one level of nesting fewer than the main pass's); null if it cannot be read.
   */
  static Result readAt(Path file, String name, JsonFactory factory, long open) {
    try {
      return read(file, name, factory, open);
    } catch (IOException | RuntimeException e) {
      return null; // the main pass reads it and reports what is wrong
    }
  }

  private static Result read(Path file, String name, JsonFactory factory, long open)
      throws IOException {
    try (InputStream in = InputFile.open(file, name, InputFile.MAX_PLAN_BYTES)) {
      if (!ReadAhead.skipFully(in, open)) {
        return null;
      }
      try (JsonParser p = factory.createParser(in)) {
        List<StateResource> state = new PriorStateReader(p)
            .read(p.nextToken());
        // After the closing '}': its byte is one before, its column one to the left.
        JsonLocation end = p.currentLocation();
        return new Result(open, open + end.getByteOffset() - 1, end.getLineNr() - 1,
            end.getColumnNr() - 2, state);
      }
    }
  }

  /**
   * The byte of the '{' after the last {@code "prior_state":} in the file, searching from the
   * end, or -1.
   */
  static long findLastObjectAfterKey(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer block = ByteBuffer.allocate(BLOCK);
      byte[] b = block.array();
      long blockEnd = size;
      while (blockEnd > 0) {
        // Blocks overlap by the key and what follows it, so no key is split between two.
        long blockStart = Math.max(0, blockEnd - BLOCK);
        block.clear().limit((int) (blockEnd - blockStart));
        while (block.hasRemaining()) {
          if (ch.read(block, blockStart + block.position()) < 0) {
            return -1;
          }
        }
        int n = block.position();
        for (int i = n - KEY.length; i >= 0; i--) {
          if (b[i] == '"' && matches(b, i)) {
            long open = objectAfterColon(ch, blockStart + i + KEY.length, size);
            if (open >= 0) {
              return open;
            }
          }
        }
        if (blockStart == 0) {
          return -1;
        }
        blockEnd = blockStart + KEY.length - 1;
      }
      return -1;
    }
  }

  private static boolean matches(byte[] b, int i) {
    for (int k = 1; k < KEY.length; k++) {
      if (b[i + k] != KEY[k]) {
        return false;
      }
    }
    return true;
  }

  /** After a key: optional whitespace, ':', optional whitespace and '{', whose byte it gives. */
  private static long objectAfterColon(FileChannel ch, long from, long size) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(64);
    boolean colon = false;
    long at = from;
    while (at < size) {
      one.clear();
      int n = ch.read(one, at);
      if (n <= 0) {
        return -1;
      }
      for (int k = 0; k < n; k++, at++) {
        byte c = one.get(k);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          continue;
        }
        if (!colon && c == ':') {
          colon = true;
          continue;
        }
        return colon && c == '{' ? at : -1;
      }
    }
    return -1;
  }
}
