package dev.plangate.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One dot-separated step of a Terraform address or reference, with its instance key as written
 * ({@code 0} or {@code "a.b"} including the quotes), or a null key.
 */
public record AddressStep(String name, String key) {

  // Written out for the reason ResourceAddress gives: an address's equality compares its steps.
  @Override
  public boolean equals(Object o) {
    return o instanceof AddressStep s && Objects.equals(name, s.name) && Objects.equals(key, s.key);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(name) + Objects.hashCode(key);
  }

  /**
   * Splits an address or reference into steps. Keys are HCL literals and may contain dots,
   * brackets and escaped quotes, so this is a small scanner rather than a split on dots.
   *
   * @throws IllegalArgumentException when the text is not a well-formed address
   */
  public static List<AddressStep> tokenize(String text) {
    List<AddressStep> steps = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int start = i;
      while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
        i++;
      }
      String name = text.substring(start, i);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty step at offset " + start + " in " + text);
      }
      String key = null;
      if (i < n && text.charAt(i) == '[') {
        int keyStart = i + 1;
        i = keyStart;
        if (i < n && text.charAt(i) == '"') {
          i++;
          while (i < n && text.charAt(i) != '"') {
            i += text.charAt(i) == '\\' ? 2 : 1;
          }
          if (i >= n) {
            throw new IllegalArgumentException("unterminated key in " + text);
          }
          i++;
        } else {
          while (i < n && text.charAt(i) != ']') {
            i++;
          }
        }
        if (i >= n || text.charAt(i) != ']') {
          throw new IllegalArgumentException("unterminated key in " + text);
        }
        key = text.substring(keyStart, i);
        i++;
        if (i < n && text.charAt(i) == '[') {
          // Nested index such as a[0][1] only occurs in attribute traversals; keep the first key.
          while (i < n && text.charAt(i) != '.') {
            i++;
          }
        }
      }
      steps.add(new AddressStep(name, key));
      if (i < n) {
        if (text.charAt(i) != '.') {
          throw new IllegalArgumentException("unexpected '" + text.charAt(i) + "' in " + text);
        }
        i++;
        if (i == n) {
          throw new IllegalArgumentException("trailing dot in " + text);
        }
      }
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("empty address");
    }
    return steps;
  }

  /** The step as written: {@code name} or {@code name[key]}. */
  public String text() {
    return key == null ? name : name + "[" + key + "]";
  }
}
