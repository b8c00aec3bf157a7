package dev.plangate.core.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Jackson's UTF-8 stream parser, with values the reader does not need skipped over the raw bytes
 * instead of token by token: most of a large plan is attribute values nobody reads, and Jackson
 * spends most of its time decoding names and tokens of values it then throws away.
 *
 * <p>A skipped region is still checked as JSON, so a document that is not JSON never passes
 * because the broken part was in a value nobody reads:
 * <ul>
 *   <li>objects and arrays: brackets match in kind, keys are strings followed by a colon, values
 *       and members are separated by commas, and the nesting limit of the parser holds;</li>
 *   <li>strings: terminated, no unescaped control character, every escape is one JSON allows
 *       (a backslash, u and four hex digits), every multi-byte UTF-8 sequence has a valid lead
 *       byte and the right number of continuation bytes (overlong forms and surrogates are not
 *       looked for, as Jackson's own skipping does not either);</li>
 *   <li>{@code true}, {@code false} and {@code null} are spelled out, and numbers follow JSON's
 *       grammar;</li>
 *   <li>an early end is "truncated JSON", as everywhere else.</li>
 * </ul>
 * What a skipped region is not: decoded. Its strings never reach the heap, so they are not
 * limited in length.
 *
 * <p>The parser can also move forward to a byte offset it is told holds the end of the current
 * container ({@link #skipChildrenTo}), for a region another thread has already read.
 */
public final class SkippingJsonParser extends UTF8StreamJsonParser {
  // String bytes: 0 ordinary, 1 quote, 2 backslash, 3 control character, 4..6 lead byte of a
  // 2, 3 or 4 byte UTF-8 sequence, 7 a byte that cannot start one.
  private static final byte[] IN_STRING = new byte[256];

  static {
    for (int c = 0; c < 0x20; c++) {
      IN_STRING[c] = 3;
    }
    IN_STRING['"'] = 1;
    IN_STRING['\\'] = 2;
    for (int c = 0x80; c < 0x100; c++) {
      IN_STRING[c] = 7;
    }
    for (int c = 0xC2; c <= 0xDF; c++) {
      IN_STRING[c] = 4;
    }
    for (int c = 0xE0; c <= 0xEF; c++) {
      IN_STRING[c] = 5;
    }
    for (int c = 0xF0; c <= 0xF4; c++) {
      IN_STRING[c] = 6;
    }
  }

  /** The escapes other than a backslash-u one, which all stand for one character. */
  private static final boolean[] SIMPLE_ESCAPE = new boolean[256];

  static {
    for (char c : "\"\\/bfnrt".toCharArray()) {
      SIMPLE_ESCAPE[c] = true;
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  // What the skipper expects next inside a container.
  private static final int VALUE_OR_CLOSE = 0; // just after '['
  private static final int KEY_OR_CLOSE = 1; // just after '{'
  private static final int VALUE = 2; // after ':' or an array's ','
  private static final int KEY = 3; // after an object's ','
  private static final int COLON = 4; // after a key
  private static final int AFTER_VALUE = 5; // ',' or the closing bracket

  /** Kind of each open container of the region being skipped: true for an object. */
  private boolean[] objects = new boolean[64];

  SkippingJsonParser(IOContext ctxt, int features, InputStream in, ObjectCodec codec,
      ByteQuadsCanonicalizer symbols, byte[] buffer, int start, int end) {
    super(ctxt, features, in, codec, symbols, buffer, start, end, false);
  }

  /**
   * Skips the rest of the object or array just started, as {@link JsonParser#skipChildren} does:
   * afterwards the current token is its end. Anything else is left as it is.
   */
  @Override
  public JsonParser skipChildren() throws IOException {
    if (_currToken == JsonToken.START_OBJECT || _currToken == JsonToken.START_ARRAY) {
      skipToClose();
      nextToken();
    }
    return this;
  }

  /** Jackson calls this to pass over a string value that was never asked for. */
  @Override
  protected void _skipString() throws IOException {
    _tokenIncomplete = false;
    skipStringBody();
  }

  /**
   * For the object or array just started, whose closing bracket is at byte {@code closeOffset}
   * of the input (counted from the first byte this parser read), with {@code rows} line breaks
   * inside it and {@code lastRowColumn} bytes between the last of them and the closing bracket:
   * moves there without reading what is between, and reads the closing bracket. For a region
   * another reader has already read and checked.
   */
  public void skipChildrenTo(long closeOffset, int rows, int lastRowColumn) throws IOException {
    if (_currToken != JsonToken.START_OBJECT && _currToken != JsonToken.START_ARRAY) {
      throw new IllegalStateException("not at the start of an object or array");
    }
    long here = _currInputProcessed + _inputPtr;
    long gap = closeOffset - here;
    if (gap < 0) {
      throw new IllegalStateException("cannot move back from " + here + " to " + closeOffset);
    }
    if (gap <= _inputEnd - _inputPtr) {
      _inputPtr += (int) gap;
    } else {
      long toSkip = gap - (_inputEnd - _inputPtr);
      _currInputProcessed += _inputEnd;
      _currInputRowStart -= _inputEnd;
      _inputPtr = 0;
      _inputEnd = 0;
      while (toSkip > 0) {
        long s = _inputStream.skip(toSkip);
        if (s <= 0) {
          _reportInvalidEOF(" in a value read ahead", JsonToken.NOT_AVAILABLE);
        }
        toSkip -= s;
        _currInputProcessed += s;
        _currInputRowStart -= (int) Math.min(s, Integer.MAX_VALUE);
      }
    }
    if (rows > 0) {
      _currInputRow += rows;
      _currInputRowStart = _inputPtr - lastRowColumn;
    }
    nextToken();
  }

  /**
   * Leaves the input at the bracket that closes the container just started, checking what lies
   * between as JSON (see the class comment).
   */
  private void skipToClose() throws IOException {
    final int baseDepth = _parsingContext.getNestingDepth();
    int depth = 0;
    objects[0] = _currToken == JsonToken.START_OBJECT;
    int state = objects[0] ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
    byte[] buf = _inputBuffer;
    int ptr = _inputPtr;
    int end = _inputEnd;
    while (true) {
      if (ptr >= end) {
        _inputPtr = ptr;
        if (!_loadMore()) {
          _reportInvalidEOF(": expected close marker for "
              + (objects[depth] ? "Object" : "Array"), JsonToken.NOT_AVAILABLE);
        }
        buf = _inputBuffer;
        ptr = _inputPtr;
        end = _inputEnd;
      }
      int c = buf[ptr++] & 0xFF;
      switch (c) {
        case ' ', '\t' -> {
          // whitespace
        }
        case '\n' -> {
          _currInputRow++;
          _currInputRowStart = ptr;
        }
        case '\r' -> {
          // "\r\n" is one line break: the '\n' that follows counts it.
          _inputPtr = ptr;
          if (peekByte() != '\n') {
            _currInputRow++;
            _currInputRowStart = _inputPtr;
          }
          buf = _inputBuffer;
          ptr = _inputPtr;
          end = _inputEnd;
        }
        case '"' -> {
          if (state == KEY_OR_CLOSE || state == KEY) {
            state = COLON;
          } else if (state == VALUE || state == VALUE_OR_CLOSE) {
            state = AFTER_VALUE;
          } else {
            unexpected(ptr, c, state, objects[depth]);
          }
          _inputPtr = ptr;
          skipStringBody();
          buf = _inputBuffer;
          ptr = _inputPtr;
          end = _inputEnd;
        }
        case ':' -> {
          if (state != COLON) {
            unexpected(ptr, c, state, objects[depth]);
          }
          state = VALUE;
        }
        case ',' -> {
          if (state != AFTER_VALUE) {
            unexpected(ptr, c, state, objects[depth]);
          }
          state = objects[depth] ? KEY : VALUE;
        }
        case '{', '[' -> {
          if (state != VALUE && state != VALUE_OR_CLOSE) {
            unexpected(ptr, c, state, objects[depth]);
          }
          depth++;
          _inputPtr = ptr;
          _streamReadConstraints.validateNestingDepth(baseDepth + depth);
          if (depth == objects.length) {
            objects = java.util.Arrays.copyOf(objects, depth * 2);
          }
          objects[depth] = c == '{';
          state = c == '{' ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
        }
        case '}', ']' -> {
          boolean object = c == '}';
          boolean canClose = state == AFTER_VALUE
              || (object ? state == KEY_OR_CLOSE : state == VALUE_OR_CLOSE);
          if (!canClose || objects[depth] != object) {
            unexpected(ptr, c, state, objects[depth]);
          }
          if (depth == 0) {
            _inputPtr = ptr - 1;
            return;
          }
          depth--;
          state = AFTER_VALUE;
        }
        case 't', 'f', 'n' -> {
          if (state != VALUE && state != VALUE_OR_CLOSE) {
            unexpected(ptr, c, state, objects[depth]);
          }
          String word = c == 't' ? "true" : c == 'f' ? "false" : "null";
          int after = ptr - 1 + word.length();
          if (after < end && isWord(buf, ptr - 1, word) && !isIdentifierPart(buf[after])) {
            ptr = after; // the common case, without a call
            state = AFTER_VALUE;
            continue;
          }
          _inputPtr = ptr;
          skipLiteral(word);
          state = AFTER_VALUE;
          buf = _inputBuffer;
          ptr = _inputPtr;
          end = _inputEnd;
        }
        case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
          if (state != VALUE && state != VALUE_OR_CLOSE) {
            unexpected(ptr, c, state, objects[depth]);
          }
          int stop = numberEnd(buf, ptr, end);
          if (stop < end && isNumber(buf, ptr - 1, stop)) {
            ptr = stop; // the common case, without a call
            state = AFTER_VALUE;
            continue;
          }
          _inputPtr = ptr;
          skipNumber(c);
          state = AFTER_VALUE;
          buf = _inputBuffer;
          ptr = _inputPtr;
          end = _inputEnd;
        }
        default -> unexpected(ptr, c, state, objects[depth]);
      }
    }
  }

  /** Fails on {@code c}, in the words Jackson uses for what it was expecting. */
  private void unexpected(int ptr, int c, int state, boolean inObject) throws IOException {
    _inputPtr = ptr;
    String expected = switch (state) {
      case AFTER_VALUE -> "was expecting comma to separate " + (inObject ? "Object" : "Array")
          + " entries";
      case COLON -> "was expecting a colon to separate field name and value";
      case KEY, KEY_OR_CLOSE -> "was expecting double-quote to start field name";
      default -> "expected a valid value (JSON String, Number, Array, Object or token 'null',"
          + " 'true' or 'false')";
    };
    _reportUnexpectedChar(c, expected);
  }

  /** After the opening quote: leaves the input after the closing one. */
  private void skipStringBody() throws IOException {
    final byte[] table = IN_STRING;
    byte[] buf = _inputBuffer;
    int ptr = _inputPtr;
    int end = _inputEnd;
    while (true) {
      // Eight bytes at a time while none of them is a quote, a backslash, a control character
      // or part of a multi-byte character: the bulk of every plan.
      while (ptr + 8 <= end) {
        long x = (long) LONGS.get(buf, ptr);
        long quote = x ^ 0x2222222222222222L;
        long slash = x ^ 0x5C5C5C5C5C5C5C5CL;
        long special = (((x - 0x2020202020202020L) & ~x)
            | ((quote - 0x0101010101010101L) & ~quote)
            | ((slash - 0x0101010101010101L) & ~slash)
            | x) & 0x8080808080808080L;
        if (special != 0) {
          // The table loop below finds which byte it is. Not Long.numberOfTrailingZeros: the
          // launchers stop the JIT at C1, which calls it instead of emitting one instruction,
          // and that call was a third of the time of a plan with long values.
          break;
        }
        ptr += 8;
      }
      while (ptr < end && table[buf[ptr] & 0xFF] == 0) {
        ptr++;
      }
      if (ptr >= end) {
        _inputPtr = ptr;
        if (!_loadMore()) {
          _reportInvalidEOF(": was expecting closing quote for a string value",
              JsonToken.VALUE_STRING);
        }
        buf = _inputBuffer;
        ptr = _inputPtr;
        end = _inputEnd;
        continue;
      }
      int c = buf[ptr++] & 0xFF;
      int kind = table[c];
      if (kind == 1) {
        _inputPtr = ptr;
        return;
      }
      if (kind == 2 && ptr < end && SIMPLE_ESCAPE[buf[ptr] & 0xFF]) {
        ptr++; // the common escapes, without a call
        continue;
      }
      _inputPtr = ptr;
      switch (kind) {
        // a backslash-u escape, one cut by the end of the buffer, or an error
        case 2 -> _decodeEscaped();
        case 3 -> _throwUnquotedSpace(c, "string value");
        case 4 -> continuation(1);
        case 5 -> continuation(2);
        case 6 -> continuation(3);
        default -> _reportError(String.format("Invalid UTF-8 start byte 0x%02X", c));
      }
      buf = _inputBuffer;
      ptr = _inputPtr;
      end = _inputEnd;
    }
  }

  private void continuation(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      int b = nextByte(JsonToken.VALUE_STRING);
      if ((b & 0xC0) != 0x80) {
        _reportError(String.format("Invalid UTF-8 middle byte 0x%02X", b));
      }
    }
  }

  private static boolean isWord(byte[] buf, int at, String word) {
    for (int i = 1; i < word.length(); i++) {
      if (buf[at + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdentifierPart(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  /** The end of the run of bytes that can be part of a number, from {@code from}. */
  private static int numberEnd(byte[] buf, int from, int end) {
    int i = from;
    while (i < end) {
      int c = buf[i];
      if (c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  /** Whether {@code buf[from, to)} is one number by JSON's grammar. */
  private static boolean isNumber(byte[] buf, int from, int to) {
    int i = from;
    if (buf[i] == '-') {
      i++;
    }
    if (i >= to || !isDigit(buf[i])) {
      return false;
    }
    if (buf[i++] != '0') {
      while (i < to && isDigit(buf[i])) {
        i++;
      }
    }
    if (i < to && buf[i] == '.') {
      i++;
      if (i >= to || !isDigit(buf[i])) {
        return false;
      }
      while (i < to && isDigit(buf[i])) {
        i++;
      }
    }
    if (i < to && (buf[i] == 'e' || buf[i] == 'E')) {
      i++;
      if (i < to && (buf[i] == '+' || buf[i] == '-')) {
        i++;
      }
      if (i >= to || !isDigit(buf[i])) {
        return false;
      }
      while (i < to && isDigit(buf[i])) {
        i++;
      }
    }
    return i == to;
  }

  private void skipLiteral(String word) throws IOException {
    for (int i = 1; i < word.length(); i++) {
      int b = nextByte(JsonToken.NOT_AVAILABLE);
      if (b != word.charAt(i)) {
        _reportError("Unrecognized token in a value skipped unread: was expecting '" + word
            + "'");
      }
    }
    if (isIdentifierPart(peekByte())) {
      _reportError("Unrecognized token in a value skipped unread: was expecting '" + word + "'");
    }
  }

  /** A number after its first byte, by JSON's grammar; leaves the input at the byte after it. */
  private void skipNumber(int first) throws IOException {
    int c = first;
    if (c == '-') {
      c = nextByte(JsonToken.VALUE_NUMBER_INT);
      if (c < '0' || c > '9') {
        badNumber("no digit after '-'");
      }
    }
    if (c == '0') {
      if (isDigit(peekByte())) {
        badNumber("a leading zero");
      }
    } else {
      skipDigits();
    }
    if (peekByte() == '.') {
      _inputPtr++;
      if (!isDigit(peekByte())) {
        badNumber("no digit after the decimal point");
      }
      skipDigits();
    }
    int e = peekByte();
    if (e == 'e' || e == 'E') {
      _inputPtr++;
      int s = peekByte();
      if (s == '+' || s == '-') {
        _inputPtr++;
      }
      if (!isDigit(peekByte())) {
        badNumber("no digit in the exponent");
      }
      skipDigits();
    }
  }

  private void badNumber(String why) throws IOException {
    if (peekByte() < 0) {
      _reportInvalidEOF(" in a number", JsonToken.VALUE_NUMBER_INT);
    }
    _reportError("Invalid number in a value skipped unread: " + why);
  }

  private void skipDigits() throws IOException {
    while (isDigit(peekByte())) {
      _inputPtr++;
    }
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** The next byte, loading more input as needed; an early end is truncated JSON. */
  private int nextByte(JsonToken inside) throws IOException {
    if (_inputPtr >= _inputEnd && !_loadMore()) {
      _reportInvalidEOF(" in a value skipped unread", inside);
    }
    return _inputBuffer[_inputPtr++] & 0xFF;
  }

  /** The next byte without taking it, or -1 at the end of the input. */
  private int peekByte() throws IOException {
    if (_inputPtr >= _inputEnd && !_loadMore()) {
      return -1;
    }
    return _inputBuffer[_inputPtr] & 0xFF;
  }
}
