package dev.plangate.core.agent;

import dev.plangate.core.agent.ShellTokens.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the recogniser knows about words once they are lexed: assignments, options and their
 * values, help flags, field splitting, joining words back into a command string, and joining
 * directories as written. Shared by the walk ({@link CommandRecognizer}), the runners ({@link
 * Runners}) and the per-tool grammars ({@link ToolGrammar}).
 */
final class ShellWords {
  private ShellWords() {}

  /**
   * Whether a word from {@code from} on is an action word, or one built when the line runs
   * writes one in a parameter expansion ({@code ${ACTION:-destroy}}) or a command substitution
   * ({@code $(echo destroy)}): what it becomes is unknown, and that is one of the things it may
   * become.
   */
  static boolean hasActionWord(List<Word> w, int from) {
    return lastActionWord(w, from) >= 0;
  }

  /**
   * The index of the last word from {@code from} on that {@link #hasActionWord} counts, or -1:
   * a loop over the words asks {@code j < last} instead of scanning the rest again at each.
   */
  static int lastActionWord(List<Word> w, int from) {
    for (int j = w.size() - 1; j >= from; j--) {
      Word x = w.get(j);
      if (x.dynamic() ? writesActionWord(x)
          : Arrays.asList(ToolWords.ACTION_WORDS).contains(x.value())) {
        return j;
      }
    }
    return -1;
  }

  private static boolean writesActionWord(Word x) {
    if (ToolWords.hasActionWord(x.shellText(), true)) {
      return true;
    }
    for (ShellTokens.Program p : x.substitutions()) {
      if (ToolWords.hasActionWord(p.src())) {
        return true;
      }
    }
    return false;
  }

  static Tool guess(String text) {
    Tool t = ToolWords.first(text);
    return t == null ? Tool.UNKNOWN : t;
  }

  /**
   * Index of the '=' of an assignment word ({@code NAME=value}, {@code NAME+=value}) whose name
   * was written unquoted, else -1.
   */
  static int assignmentEnd(String src, Word w) {
    String v = w.value();
    int n = v.length();
    if (n < 2 || !(Character.isLetter(v.charAt(0)) && v.charAt(0) < 128 || v.charAt(0) == '_')) {
      return -1;
    }
    int k = 1;
    while (k < n) {
      char c = v.charAt(k);
      if (c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
        k++;
      } else {
        break;
      }
    }
    int eq = k < n && v.charAt(k) == '+' ? k + 1 : k;
    if (eq >= n || v.charAt(eq) != '=') {
      return -1;
    }
    if (src != null && w.end() > w.start() && !src.regionMatches(w.start(), v, 0, eq + 1)) {
      return -1;
    }
    return eq;
  }

  /**
   * Skips options from {@code from}; returns the index of the first operand. Short options in
   * {@code shortValue} and long ones in {@code longValue} take a value (attached or the next
   * word); {@code --} ends the options. Every option seen goes into {@code seen} (if given), with
   * its value or null.
   */
  static int skipOptions(List<Word> w, int from, String shortValue, Set<String> longValue,
      Map<String, String> seenOrNull) {
    Map<String, String> seen = seenOrNull != null ? seenOrNull : new HashMap<>();
    int j = from;
    while (j < w.size()) {
      String v = w.get(j).value();
      if (v.equals("--")) {
        return j + 1;
      }
      if (v.startsWith("--") && v.length() > 2) {
        int eq = v.indexOf('=');
        String name = eq >= 0 ? v.substring(0, eq) : v;
        String value = eq >= 0 ? v.substring(eq + 1) : null;
        if (eq < 0 && longValue.contains(v)) {
          value = j + 1 < w.size() ? w.get(j + 1).value() : null;
          j++;
        }
        seen.put(name, value);
        j++;
        continue;
      }
      if (v.startsWith("-") && v.length() > 1 && !w.get(j).dynamic()) {
        if (longValue.contains(v)) {
          seen.put(v, j + 1 < w.size() ? w.get(j + 1).value() : null);
          j += 2;
          continue;
        }
        for (int k = 1; k < v.length(); k++) {
          char c = v.charAt(k);
          if (shortValue.indexOf(c) >= 0) {
            String value;
            if (k + 1 < v.length()) {
              value = v.substring(k + 1);
            } else {
              value = j + 1 < w.size() ? w.get(j + 1).value() : null;
              j++;
            }
            seen.put(shortName(c), value);
            break;
          }
          seen.put(shortName(c), null);
        }
        j++;
        continue;
      }
      return j;
    }
    return j;
  }

  /** The value of the first of the given options ({@code -c X}, {@code --command=X}). */
  static String optionValue(List<Word> w, int from, String shortName, String longName) {
    for (int j = from; j < w.size(); j++) {
      String v = w.get(j).value();
      if ((v.equals(shortName) || v.equals(longName)) && j + 1 < w.size()) {
        return w.get(j + 1).shellText();
      }
      if (v.startsWith(longName) && v.startsWith("=", longName.length())) {
        return v.substring(longName.length() + 1);
      }
    }
    return null;
  }

  static boolean isHelp(String opt) {
    return opt.equals("help") || opt.equals("h");
  }

  static boolean hasHelp(List<Word> a, int from) {
    for (int j = from; j < a.size(); j++) {
      String v = a.get(j).value();
      if (v.equals("-h") || v.equals("-help") || v.equals("--help")) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code -name} or {@code --name} (optionally {@code =value}) is among the words. */
  static boolean hasOption(List<Word> a, int from, String name) {
    for (int j = from; j < a.size(); j++) {
      String v = a.get(j).value();
      if (v.startsWith("-")) {
        String o = stripDashes(v);
        if (o.equals(name) || o.startsWith(name) && o.startsWith("=", name.length())) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean hasFlag(List<Word> a, int from, String exact) {
    for (int j = from; j < a.size(); j++) {
      if (a.get(j).value().equals(exact)) {
        return true;
      }
    }
    return false;
  }

  static String shortName(char c) {
    return new String(new char[] {'-', c});
  }

  /** {@code -xyz} whose letters are all in {@code letters} (echo -ne, nice -10). */
  static boolean isFlagOf(String v, String letters) {
    if (v.length() < 2 || v.charAt(0) != '-') {
      return false;
    }
    for (int k = 1; k < v.length(); k++) {
      if (letters.indexOf(v.charAt(k)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Splits an unquoted expansion's value into fields at blanks, as the shell does. */
  static List<String> fields(String v) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = v.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(v.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(v.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(v.substring(start, i));
      }
    }
    return out;
  }

  static String stripDashes(String v) {
    return v.startsWith("--") ? v.substring(2) : v.startsWith("-") ? v.substring(1) : v;
  }

  @SafeVarargs
  static <T> T firstNonNull(T... xs) {
    for (T x : xs) {
      if (x != null) {
        return x;
      }
    }
    return null;
  }

  /** The words from {@code from} as the command string a shell would build from them. */
  static String join(List<Word> w, int from) {
    StringBuilder sb = new StringBuilder();
    for (int j = from; j < w.size(); j++) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(w.get(j).shellText());
    }
    return sb.toString();
  }

  /** {@code dir} relative to {@code base}, both as written; null base means "where we start". */
  static String joinDir(String base, String dir) {
    if (dir == null || dir.isEmpty() || dir.equals(".")) {
      return base;
    }
    String d = dir;
    while (d.startsWith("./")) {
      d = d.substring(2);
    }
    while (d.length() > 1 && d.endsWith("/")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.isEmpty() || d.equals(".")) {
      return base;
    }
    if (base == null || d.startsWith("/") || d.startsWith("~")) {
      return d;
    }
    return base.endsWith("/") ? base.concat(d) : base.concat("/").concat(d);
  }
}

