package dev.plangate.gitlab;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A GitLab account as the API embeds it ({@code author}, {@code user}): numeric id, username and
 * display name. The id decides identity; the username is what people see.
 */
public record GitLabUser(long id, String username, String name) {
  /** No user: a deleted account ({@code "user": null}). */
  public static final GitLabUser GHOST = new GitLabUser(0, "ghost", "");

  static GitLabUser of(JsonNode n) {
    if (n == null || !n.isObject() || n.path("id").asLong(0) <= 0) {
      return GHOST;
    }
    return new GitLabUser(n.path("id").asLong(), n.path("username").asText(""),
        n.path("name").asText(""));
  }

  public boolean exists() {
    return id > 0;
  }

  boolean sameAs(GitLabUser other) {
    return exists() && other.id == id;
  }
}
