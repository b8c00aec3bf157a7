package dev.plangate.core.plan;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's {@link StreamReader} over text already in memory, in linear time. SnakeYAML's own
 * reader grows its window 1,024 characters at a time and copies the whole window each time, so
 * a token of n characters without a space costs n² / 2,048 copies: a 700 KB word in a policy took
 * seconds, a 5 MB one in a template minutes. This one holds the code points in one array and only
 * moves a pointer; it behaves as SnakeYAML's does otherwise (the same line and column counting,
 * the same {@link ReaderException} for a character YAML does not allow, raised when the scanner
 * comes within 1,024 characters of it).
 */
public final class LinearStreamReader extends StreamReader {
  private static final int CHUNK = 1024;
  private static final String NAME = "'string'";

  private final int[] data;
  /** Code points before this index are known to be printable. */
  private int checked;
  private int pointer;
  private int index;
  private int documentIndex;
  private int line;
  private int column;

  public LinearStreamReader(String text) {
    super("");
    this.data = text.codePoints().toArray();
  }

  /** True when the code point {@code k} ahead exists; checks what it reveals is printable. */
  private boolean ensure(int k) {
    long need = (long) pointer + k + 1;
    if (need > checked && checked < data.length) {
      check((int) Math.min(data.length, Math.max(need, (long) checked + CHUNK)));
    }
    return (long) pointer + k < data.length;
  }

  private void check(int upTo) {
    for (int i = checked; i < upTo; i++) {
      if (!isPrintable(data[i])) {
        throw new ReaderException(NAME, i, data[i], "special characters are not allowed");
      }
    }
    checked = upTo;
  }

  @Override
  public Mark getMark() {
    return new Mark(NAME, index, line, column, data, pointer);
  }

  @Override
  public void forward() {
    forward(1);
  }

  @Override
  public void forward(int length) {
    for (int i = 0; i < length && ensure(0); i++) {
      int c = data[pointer++];
      index++;
      documentIndex++;
      if (Constant.LINEBR.has(c) || (c == '\r' && ensure(0) && data[pointer] != '\n')) {
        line++;
        column = 0;
      } else if (c != 0xFEFF) {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return ensure(0) ? data[pointer] : 0;
  }

  @Override
  public int peek(int k) {
    return ensure(k) ? data[pointer + k] : 0;
  }

  @Override
  public String prefix(int length) {
    if (length == 0) {
      return "";
    }
    if (ensure(length)) {
      return new String(data, pointer, length);
    }
    return new String(data, pointer, Math.max(0, Math.min(length, data.length - pointer)));
  }

  @Override
  public String prefixForward(int length) {
    String prefix = prefix(length);
    pointer += length;
    index += length;
    documentIndex += length;
    column += length;
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getDocumentIndex() {
    return documentIndex;
  }

  @Override
  public void resetDocumentIndex() {
    documentIndex = 0;
  }

  @Override
  public int getIndex() {
    return index;
  }

  @Override
  public int getLine() {
    return line;
  }
}
