package dev.plangate.core.policy;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known word a misspelt one was probably meant to be, for messages such as
 * {@code unknown key "aproval" (did you mean "approval"?)}. Case, {@code _} and {@code -} are
 * ignored and a swap of two neighbouring letters counts as one edit, because those are the
 * typos people make in YAML keys ({@code human_only}, {@code HumanOnly}, {@code lable}).
 */
final class DidYouMean {
  private DidYouMean() {}

  /** The closest candidate within a distance that still looks like a typo, if any. */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    String wanted = normalise(typed);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(wanted, normalise(candidate));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.max(1, Math.min(3, wanted.length() / 3));
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  private static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
