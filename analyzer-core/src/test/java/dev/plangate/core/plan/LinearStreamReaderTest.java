package dev.plangate.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The in-memory reader against SnakeYAML's own: the same characters, the same line and column
 * for every position (so every YAML error a user sees points where it did before), the same
 * refusal of characters YAML does not allow.
 */
class LinearStreamReaderTest {
  private static final List<String> TEXTS = List.of("",
      "a: b\n",
      "a: b\r\nc: d\re: f\u0085g: h\u2028i: j\u2029k: l\n",
      "\uFEFFkey: value\n",
      "emoji: \ud83d\ude00\ud83d\ude00 x\n\ud83d\udc4d: y\n",
      "long: " + "x".repeat(3000) + "\nnext: " + "\u00e9".repeat(1500) + "\r\n",
      "- 1\n- [2, 3]\n- {a: \"q\\n\"}\n",
      "\r\r\n\n\r");

  /** Drives both readers with the same random calls and compares every answer. */
  @Test
  void answersEveryCallAsSnakeYamlsReaderDoes() {
    Random random = new Random(19);
    for (String text : TEXTS) {
      for (int run = 0; run < 20; run++) {
        StreamReader theirs = new StreamReader(text);
        LinearStreamReader ours = new LinearStreamReader(text);
        int remaining = text.codePointCount(0, text.length());
        List<String> log = new ArrayList<>();
        for (int step = 0; step < 400 && remaining > 0; step++) {
          int op = random.nextInt(7);
          int n = 1 + random.nextInt(op == 6 ? 40 : 6);
          String call;
          Object a;
          Object b;
          switch (op) {
            case 0 -> {
              call = "peek()";
              a = theirs.peek();
              b = ours.peek();
            }
            case 1 -> {
              call = "peek(" + n + ")";
              a = theirs.peek(n);
              b = ours.peek(n);
            }
            case 2 -> {
              call = "prefix(" + n + ")";
              a = theirs.prefix(n);
              b = ours.prefix(n);
            }
            case 3 -> {
              call = "forward()";
              theirs.forward();
              ours.forward();
              remaining--;
              a = where(theirs);
              b = where(ours);
            }
            case 4, 6 -> {
              int k = Math.min(n, remaining);
              call = "forward(" + k + ")";
              theirs.forward(k);
              ours.forward(k);
              remaining -= k;
              a = where(theirs);
              b = where(ours);
            }
            default -> {
              // The scanner takes a prefix in one step only when it holds no line break.
              String next = theirs.prefix(n);
              if (next.chars().anyMatch(c -> "\n\r\u0085\u2028\u2029".indexOf(c) >= 0)
                  || next.codePointCount(0, next.length()) < n) {
                continue;
              }
              call = "prefixForward(" + n + ")";
              a = theirs.prefixForward(n) + where(theirs);
              b = ours.prefixForward(n) + where(ours);
              remaining -= n;
            }
          }
          log.add(call);
          assertThat(b).as("%s after %s on %s", call, log, text).isEqualTo(a);
        }
        assertThat(where(ours)).isEqualTo(where(theirs));
      }
    }
  }

  /** Index, line, column and document index, and the same from a mark. */
  private static String where(StreamReader r) {
    Mark m = r.getMark();
    return " @" + r.getIndex() + "/" + r.getLine() + ":" + r.getColumn() + " doc "
        + r.getDocumentIndex() + " mark " + m.getIndex() + "/" + m.getLine() + ":"
        + m.getColumn();
  }

  @Test
  void readsToTheEndAndThenAnswersWithNothing() {
    LinearStreamReader r = new LinearStreamReader("ab");
    assertThat(r.prefix(0)).isEmpty();
    assertThat(r.prefix(5)).isEqualTo("ab");
    assertThat(r.peek(1)).isEqualTo('b');
    assertThat(r.peek(2)).isZero();
    r.forward(5);
    assertThat(r.getIndex()).isEqualTo(2);
    assertThat(r.getColumn()).isEqualTo(2);
    assertThat(r.peek()).isZero();
    assertThat(r.prefix(3)).isEmpty();
    r.resetDocumentIndex();
    assertThat(r.getDocumentIndex()).isZero();
    r.forward();
    assertThat(r.getIndex()).isEqualTo(2);
  }

  @Test
  void aCharacterYamlDoesNotAllowIsRefusedWithItsPosition() {
    LinearStreamReader r = new LinearStreamReader("a: b\u0001c");
    assertThatThrownBy(r::peek).isInstanceOfSatisfying(ReaderException.class, e -> {
      assertThat(e.getPosition()).isEqualTo(4);
      assertThat(e.getCodePoint()).isEqualTo(1);
      assertThat(e.getName()).isEqualTo("'string'");
      assertThat(e.getMessage()).contains("special characters are not allowed");
    });
    // Past the first code point beyond the BMP the position still counts code points.
    assertThatThrownBy(() -> new LinearStreamReader("\ud83d\ude00\u0007").peek())
        .isInstanceOfSatisfying(ReaderException.class,
            e -> assertThat(e.getPosition()).isEqualTo(1));
    // The last character is checked too.
    LinearStreamReader last = new LinearStreamReader("ok\u001b");
    assertThatThrownBy(() -> last.peek(2)).isInstanceOf(ReaderException.class);
  }

  /**
   * A character far ahead is refused when the scanner comes near it, as SnakeYAML's reader
   * does: a file with one bad character deep inside still gets the error, with its position.
   */
  @Test
  void aBadCharacterFarAheadIsFoundWhenTheScannerReachesIt() {
    String text = "a: " + "x".repeat(5000) + "\u0002";
    LinearStreamReader r = new LinearStreamReader(text);
    assertThat(r.peek()).isEqualTo('a');
    assertThatThrownBy(() -> r.forward(5003)).isInstanceOfSatisfying(ReaderException.class,
        e -> assertThat(e.getPosition()).isEqualTo(5003));
  }

  /** Through SnakeYAML's parser: the error a user sees points at the same line and column. */
  @Test
  void aYamlErrorIsPlacedWhereSnakeYamlPlacesIt() {
    String text = "a: 1\r\nb: [1, 2\r\nc: \ud83d\ude00 \"x\n" + "y".repeat(2000) + ": ]\n";
    assertThat(errorWith(new LinearStreamReader(text)))
        .isEqualTo(errorWith(new StreamReader(text))).contains("line");
  }

  private static String errorWith(StreamReader reader) {
    ParserImpl parser = new ParserImpl(reader, new LoaderOptions());
    try {
      while (!parser.checkEvent(Event.ID.StreamEnd)) {
        parser.getEvent();
      }
      return "no error";
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark();
      return e.getProblem() + " line " + m.getLine() + " column " + m.getColumn() + " index "
          + m.getIndex();
    }
  }
}
