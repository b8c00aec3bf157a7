package dev.plangate.core.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * A Jackson factory whose parsers over UTF-8 input are {@link SkippingJsonParser}s. Input in
 * another encoding (UTF-16 or UTF-32, as some Windows shells write a redirected
 * {@code terraform show -json}) gets Jackson's own parser, which detects it.
 */
public final class SkippingJsonFactory extends JsonFactory {
  private static final long serialVersionUID = 1L;

  /** Large reads: the parser's buffer is the only one between the file and the skipper. */
  private static final int BUFFER_BYTES = 1 << 16;

  public SkippingJsonFactory(JsonFactoryBuilder builder) {
    super(builder);
  }

  @Override
  protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    int n = 0;
    while (n < 4) {
      int r = in.read(buffer, n, buffer.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    if (!looksLikeUtf8(buffer, n)) {
      InputStream whole = new SequenceInputStream(new ByteArrayInputStream(buffer, 0, n), in);
      return super._createParser(whole, ctxt);
    }
    int start = n >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB
        && (buffer[2] & 0xFF) == 0xBF ? 3 : 0;
    return new SkippingJsonParser(ctxt, _parserFeatures, in, _objectCodec,
        _byteSymbolCanonicalizer.makeChild(_factoryFeatures), buffer, start, n);
  }

  /** No zero byte and no UTF-16 byte order mark in the first four bytes. */
  private static boolean looksLikeUtf8(byte[] b, int n) {
    if (n >= 2 && ((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF
        || (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE)) {
      return false;
    }
    for (int i = 0; i < Math.min(n, 4); i++) {
      if (b[i] == 0) {
        return false;
      }
    }
    return true;
  }
}
