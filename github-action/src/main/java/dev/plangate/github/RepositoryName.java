package dev.plangate.github;

import dev.plangate.platform.ApiText;
import java.util.regex.Pattern;

/**
 * A repository as {@code owner/name}, validated so both parts can go into an API path as they
 * are: letters, digits, {@code -}, {@code _} (and {@code .} in the name), never {@code .} or
 * {@code ..}, at most 100 characters each.
 */
public record RepositoryName(String owner, String name) {
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  public RepositoryName {
    if (owner == null || !OWNER.matcher(owner).matches()) {
      throw new IllegalArgumentException("not a GitHub owner: " + shown(owner));
    }
    if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("not a GitHub repository name: " + shown(name));
    }
  }

  /**
   * Parses {@code owner/name} as in {@code GITHUB_REPOSITORY} or a payload's
   * {@code repository.full_name}.
   *
   * @throws IllegalArgumentException naming the value when it is not {@code owner/name}
   */
  public static RepositoryName parse(String fullName) {
    int slash = fullName == null ? -1 : fullName.indexOf('/');
    if (slash < 0 || fullName.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException("not owner/repo: " + shown(fullName));
    }
    return new RepositoryName(fullName.substring(0, slash), fullName.substring(slash + 1));
  }

  /** {@code owner/name}. */
  @Override
  public String toString() {
    return owner + "/" + name;
  }

  private static String shown(String s) {
    return s == null ? "nothing" : "\"" + ApiText.clean(s, 120) + "\"";
  }
}
