package dev.plangate.core.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses the output of {@code git log -p -U0 --format=%x00%H} with {@code a/}/{@code b/} prefixes
 * and {@code core.quotePath=true}, one commit at a time.
 *
 * <p>Hunk bodies are consumed by the line counts in their {@code @@} header, never by what the
 * lines look like: a removed line {@code -- a/x} must not be taken for a file header, and a file
 * may contain anything. Paths come from {@code rename from/to} and {@code ---}/{@code +++} lines,
 * which git C-quotes when they hold unusual bytes, so any file name round-trips. Output that does
 * not fit the format is an error, not something to skip: skipping could hide a commit.
 */
final class PatchParser {
  private static final String DEV_NULL = "/dev/null";
  /**
   * The most of one line that is kept; the rest is read and dropped, so that a file of one huge
   * line (minified, generated) costs no more memory than this. Far above any path git prints and
   * any block header a reader looks for.
   */
  static final int MAX_LINE_BYTES = 64 * 1024;

  private final Consumer<CommitPatch> sink;
  private final String where;

  private String sha;
  private List<FilePatch> files = new ArrayList<>();
  private FileState file;
  private int oldLeft;
  private int newLeft;
  private int oldNext;
  private int newNext;
  private long lineNumber;

  /**
   * @param sink receives each commit's patch once all of it has been read
   * @param where names the command and repository in error messages
   */
  PatchParser(Consumer<CommitPatch> sink, String where) {
    this.sink = sink;
    this.where = where;
  }

  /** Reads the whole stream, then hands over the last commit. */
  void parse(InputStream in) throws IOException, GitException {
    byte[] buf = new byte[64 * 1024];
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    int n;
    while ((n = in.read(buf)) >= 0) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buf[i] == '\n') {
          keep(pending, buf, start, i - start);
          line(pending.toString(StandardCharsets.UTF_8));
          pending.reset();
          start = i + 1;
        }
      }
      keep(pending, buf, start, n - start);
    }
    if (pending.size() > 0) {
      line(pending.toString(StandardCharsets.UTF_8));
    }
    finishCommit();
  }

  /** Appends to the line being read as much as {@link #MAX_LINE_BYTES} leaves room for. */
  private static void keep(ByteArrayOutputStream line, byte[] buf, int from, int length) {
    int room = MAX_LINE_BYTES - line.size();
    if (room > 0) {
      line.write(buf, from, Math.min(room, length));
    }
  }

  private void line(String line) throws GitException {
    lineNumber++;
    if (oldLeft > 0 || newLeft > 0) {
      hunkLine(line);
      return;
    }
    if (!line.isEmpty() && line.charAt(0) == '\0') {
      finishCommit();
      sha = line.substring(1).strip();
      if (!GitRepository.isFullSha(sha)) {
        throw unexpected("commit marker without a commit name");
      }
      return;
    }
    if (line.startsWith("diff --git ")) {
      if (sha == null) {
        throw unexpected("file diff before any commit");
      }
      finishFile();
      file = new FileState();
      file.headerPaths(line.substring("diff --git ".length()));
      return;
    }
    if (line.isEmpty() || line.charAt(0) == '\\') {
      return; // blank line after the commit marker; "\ No newline at end of file"
    }
    if (file == null) {
      throw unexpected("text outside any file diff");
    }
    if (line.startsWith("@@ ")) {
      hunkHeader(line);
    } else if (file.inHunks) {
      throw unexpected("text between hunks");
    } else if (line.startsWith("--- ")) {
      file.minus = diffPath(line.substring(4), "a/");
    } else if (line.startsWith("+++ ")) {
      file.plus = diffPath(line.substring(4), "b/");
    } else if (line.startsWith("rename from ")) {
      file.renameFrom = path(line.substring("rename from ".length()));
    } else if (line.startsWith("rename to ")) {
      file.renameTo = path(line.substring("rename to ".length()));
    } else if (line.startsWith("new file mode ")) {
      file.created = true;
    } else if (line.startsWith("deleted file mode ")) {
      file.deleted = true;
    }
    // index, similarity, old/new mode, "Binary files ... differ": nothing to take from them
  }

  private void hunkLine(String line) throws GitException {
    char c = line.isEmpty() ? ' ' : line.charAt(0);
    if (c == '-' && oldLeft > 0) {
      file.removed.add(new PatchLine(oldNext++, line.substring(1)));
      oldLeft--;
    } else if (c == '+' && newLeft > 0) {
      file.added.add(new PatchLine(newNext++, line.substring(1)));
      newLeft--;
    } else if (c != '\\') {
      throw unexpected("hunk shorter than its header says");
    }
  }

  private void hunkHeader(String line) throws GitException {
    // @@ -OLD[,COUNT] +NEW[,COUNT] @@ optional section heading
    int end = line.indexOf(" @@", 3);
    if (end < 0) {
      throw unexpected("malformed hunk header");
    }
    String[] parts = line.substring(3, end).split(" ");
    if (parts.length != 2 || !parts[0].startsWith("-") || !parts[1].startsWith("+")) {
      throw unexpected("malformed hunk header");
    }
    int[] old = range(parts[0].substring(1));
    int[] neu = range(parts[1].substring(1));
    oldNext = old[0];
    oldLeft = old[1];
    newNext = neu[0];
    newLeft = neu[1];
    file.inHunks = true;
  }

  private int[] range(String text) throws GitException {
    try {
      int comma = text.indexOf(',');
      if (comma < 0) {
        return new int[] {Integer.parseInt(text), 1};
      }
      return new int[] {
          Integer.parseInt(text.substring(0, comma)), Integer.parseInt(text.substring(comma + 1))};
    } catch (NumberFormatException e) {
      throw unexpected("malformed hunk header");
    }
  }

  private void finishFile() throws GitException {
    if (file == null) {
      return;
    }
    String oldPath = file.created ? null : first(file.renameFrom, file.minus, file.headerOld);
    String newPath = file.deleted ? null : first(file.renameTo, file.plus, file.headerNew);
    if (oldPath == null && newPath == null) {
      throw unexpected("file diff without a path");
    }
    files.add(new FilePatch(oldPath, newPath, file.removed, file.added));
    file = null;
  }

  private void finishCommit() throws GitException {
    if (oldLeft > 0 || newLeft > 0) {
      throw unexpected("output ends inside a hunk");
    }
    finishFile();
    if (sha != null) {
      sink.accept(new CommitPatch(sha, files));
    }
    sha = null;
    files = new ArrayList<>();
  }

  private static String first(String a, String b, String c) {
    return a != null ? a : b != null ? b : c;
  }

  /** A {@code ---}/{@code +++} path: {@code /dev/null}, or the prefix and the path. */
  private String diffPath(String text, String prefix) throws GitException {
    if (text.equals(DEV_NULL)) {
      if (prefix.equals("a/")) {
        file.created = true;
      } else {
        file.deleted = true;
      }
      return null;
    }
    String p = text.startsWith("\"") ? unquote(text) : stripTab(text);
    if (!p.startsWith(prefix)) {
      throw unexpected("path without the " + prefix + " prefix");
    }
    return p.substring(prefix.length());
  }

  /** A path as in {@code rename from}: C-quoted when unusual, no prefix. */
  private String path(String text) throws GitException {
    return text.startsWith("\"") ? unquote(text) : text;
  }

  /** Git ends an unquoted {@code ---}/{@code +++} name that holds a space with a tab. */
  private static String stripTab(String text) {
    return text.endsWith("\t") ? text.substring(0, text.length() - 1) : text;
  }

  private GitException unexpected(String what) {
    return new GitException("unexpected output from " + where + " at line " + lineNumber + ": "
        + what);
  }

  /**
   * Decodes one C-quoted string as git writes it ({@code quote_c_style}) at the start of
   * {@code text}: the escapes become bytes, the bytes are UTF-8.
   */
  String unquote(String text) throws GitException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 1;
    while (true) {
      if (i >= text.length()) {
        throw unexpected("unterminated quoted path");
      }
      char c = text.charAt(i++);
      if (c == '"') {
        break;
      }
      if (c != '\\') {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        continue;
      }
      if (i >= text.length()) {
        throw unexpected("unterminated quoted path");
      }
      char e = text.charAt(i++);
      switch (e) {
        case 'a' -> bytes.write(7);
        case 'b' -> bytes.write(8);
        case 't' -> bytes.write('\t');
        case 'n' -> bytes.write('\n');
        case 'v' -> bytes.write(11);
        case 'f' -> bytes.write(12);
        case 'r' -> bytes.write('\r');
        case '"' -> bytes.write('"');
        case '\\' -> bytes.write('\\');
        default -> {
          if (e < '0' || e > '3' || i + 1 >= text.length()) {
            throw unexpected("bad escape in quoted path");
          }
          int value = 0;
          for (int k = i - 1; k < i + 2; k++) {
            char d = text.charAt(k);
            if (d < '0' || d > '7') {
              throw unexpected("bad escape in quoted path");
            }
            value = value * 8 + (d - '0');
          }
          i += 2;
          bytes.write(value);
        }
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Everything read about the current file so far. */
  private final class FileState {
    String headerOld;
    String headerNew;
    String minus;
    String plus;
    String renameFrom;
    String renameTo;
    boolean created;
    boolean deleted;
    boolean inHunks;
    final List<PatchLine> removed = new ArrayList<>();
    final List<PatchLine> added = new ArrayList<>();

    /**
     * {@code a/X b/Y} from the {@code diff --git} line. Only trusted when unambiguous: both quoted,
     * or unquoted and the same path twice (a mode change or binary file has no other path line).
     */
    void headerPaths(String rest) throws GitException {
      if (rest.startsWith("\"")) {
        String a = unquote(rest);
        int close = closingQuote(rest);
        String tail = rest.substring(Math.min(rest.length(), close + 2));
        String b = tail.startsWith("\"") ? unquote(tail) : tail;
        headerOld = a.startsWith("a/") ? a.substring(2) : null;
        headerNew = b.startsWith("b/") ? b.substring(2) : null;
        return;
      }
      int len = rest.length();
      if ((len - 5) % 2 == 0 && len > 5) {
        String x = rest.substring(2, 2 + (len - 5) / 2);
        if (rest.equals("a/" + x + " b/" + x)) {
          headerOld = x;
          headerNew = x;
        }
      }
    }

    private int closingQuote(String s) {
      int i = 1;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\\') {
          i += 2;
        } else if (c == '"') {
          return i;
        } else {
          i++;
        }
      }
      return s.length();
    }
  }
}
