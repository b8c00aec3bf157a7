package dev.plangate.core.terraform;

import com.fasterxml.jackson.core.JsonFactory;
import dev.plangate.core.io.InputFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The second core's share of reading a large plan: the back half of the document, from a
 * resource change in the middle of {@code resource_changes} to the end, while the main pass reads
 * the front half. When that cannot be done, prior_state alone (see {@link PriorStateAhead}).
 *
 * <p>Where the back half starts is a guess (found in a moment: the search starts a little past the
 * middle of the file and stops at the first match), checked before it is used: the first
 * {@code },{"address":"} after that point is taken as the boundary between two
 * elements of the top-level {@code resource_changes} array (Terraform writes each change with
 * its address first). The back half is read as the document {@code {"resource_changes":[} +
 * the file from that byte on, with the same reader and checks as the whole file. The main pass
 * uses it only if it meets an element of its own {@code resource_changes} starting at exactly
 * that byte, and the two halves do not both have the same top-level key; until then it has read
 * and checked every byte before, and the back half every byte after, so the plan is the one a
 * single pass reads. In any other case (the bytes were inside a value, the back half failed to
 * read) the main pass reads on by itself and reports any error where a single pass would.
 */
final class ReadAhead<T> {
  private static final byte[] BOUNDARY = "},{\"address\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OPEN_BACK_HALF =
      "{\"resource_changes\":[".getBytes(StandardCharsets.US_ASCII);
  private static final int BLOCK = 1 << 16;
  /**
   * Where the search for the back half's start begins, in percent of the file. Past the middle:
   * the back half (the end of resource_changes, and prior_state, whose resources are read) costs
   * more per byte than the front (planned_values, skipped unread). On the bench plans the front
   * half waited 0.1-0.5 s for the back one from 50 %, and about nothing from 55 %.
   */
  static final int BACK_HALF_FROM_PERCENT = 55;
  /** How far past the start of the search to look for a boundary before giving up. */
  private static final long SEARCH_LIMIT = 64L << 20;

  /** Reads the back half, given as a document of its own. */
  interface BackHalfReader<T> {
    T read(InputStream document) throws IOException;
  }

  private final CompletableFuture<Long> junction = new CompletableFuture<>();
  private final CompletableFuture<T> backHalf = new CompletableFuture<>();
  private final CompletableFuture<PriorStateAhead.Result> priorState = new CompletableFuture<>();

  private ReadAhead() {}

  /**
   * Starts on {@code executor}: the back half read by {@code reader}, else prior_state read with
   * parsers from {@code priorStateFactory}.
   */
  static <T> ReadAhead<T> start(Path file, String name, long size, BackHalfReader<T> reader,
      JsonFactory priorStateFactory, Executor executor) {
    ReadAhead<T> ahead = new ReadAhead<>();
    try {
      executor.execute(() -> ahead.runThenGiveUp(file, name, size, reader, priorStateFactory));
    } catch (RuntimeException | Error e) {
      ahead.giveUp(); // no second thread: the main pass reads everything
    }
    return ahead;
  }

  /** Whatever happens on the second thread, the main pass never waits for it forever. */
  private void runThenGiveUp(Path file, String name, long size, BackHalfReader<T> reader,
      JsonFactory priorStateFactory) {
    try {
      run(file, name, size, reader, priorStateFactory);
    } finally {
      giveUp();
    }
  }

  /** Completes with "nothing read ahead" whatever is not complete yet. */
  private void giveUp() {
    junction.complete(-1L);
    backHalf.complete(null);
    priorState.complete(null);
  }

  private void run(Path file, String name, long size, BackHalfReader<T> reader,
      JsonFactory priorStateFactory) {
    long at = -1;
    try {
      at = findBoundary(file, size * BACK_HALF_FROM_PERCENT / 100, size);
    } catch (IOException | RuntimeException e) {
      // no guess: the main pass reads everything
    }
    junction.complete(at);
    T back = null;
    if (at >= 0) {
      try (InputStream in = InputFile.open(file, name, InputFile.MAX_PLAN_BYTES)) {
        if (skipFully(in, at)) {
          back = reader.read(new SequenceInputStream(new ByteArrayInputStream(OPEN_BACK_HALF), in));
        }
      } catch (IOException | RuntimeException e) {
        back = null; // the main pass reads on and reports what is wrong
      }
    }
    backHalf.complete(back);
    PriorStateAhead.Result state = null;
    if (back == null) {
      // Searched for only now: from the end, it passes over all of prior_state.
      long open = -1;
      try {
        open = PriorStateAhead.findLastObjectAfterKey(file);
      } catch (IOException | RuntimeException e) {
        // the main pass reads it
      }
      state = open < 0 ? null : PriorStateAhead.readAt(file, name, priorStateFactory, open);
    }
    priorState.complete(state);
  }

  /** The byte where the back half starts, or -1; waits for the guess, which comes quickly. */
  long junction() {
    return junction.join();
  }

  /** The back half, if it starts at byte {@code at} and was read; else null. Waits for it. */
  T backHalfAt(long at) {
    return at >= 0 && junction.join() == at ? backHalf.join() : null;
  }

  /** prior_state read ahead, if its object starts at byte {@code open}; else null. */
  PriorStateAhead.Result priorStateAt(long open) {
    PriorStateAhead.Result r = priorState.join();
    return r != null && r.open() == open ? r : null;
  }

  static boolean skipFully(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        return false;
      }
      left -= s;
    }
    return true;
  }

  /**
   * The byte of the '{' of the first {@code },{"address":"} from {@code from} on, before
   * {@code until} and within {@link #SEARCH_LIMIT}, or -1.
   */
  static long findBoundary(Path file, long from, long until) throws IOException {
    long stop = Math.min(until, from + SEARCH_LIMIT);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer block = ByteBuffer.allocate(BLOCK);
      byte[] b = block.array();
      long blockStart = from;
      while (blockStart + BOUNDARY.length <= stop) {
        block.clear().limit((int) Math.min(BLOCK, stop - blockStart));
        while (block.hasRemaining()) {
          if (ch.read(block, blockStart + block.position()) < 0) {
            break;
          }
        }
        int n = block.position();
        for (int i = 0; i + BOUNDARY.length <= n; i++) {
          if (b[i] == '}' && matches(b, i)) {
            return blockStart + i + 2;
          }
        }
        if (n < BOUNDARY.length) {
          return -1;
        }
        // Blocks overlap by less than the pattern, so none is split between two.
        blockStart += n - BOUNDARY.length + 1;
      }
      return -1;
    }
  }

  private static boolean matches(byte[] b, int i) {
    for (int k = 1; k < BOUNDARY.length; k++) {
      if (b[i + k] != BOUNDARY[k]) {
        return false;
      }
    }
    return true;
  }
}
