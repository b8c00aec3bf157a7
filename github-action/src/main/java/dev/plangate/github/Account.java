package dev.plangate.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A GitHub account as the API reports it. Unlike a git author line, the API's {@code type} and
 * numeric {@code id} are asserted by GitHub: a person cannot sign up as {@code Bot} or with a
 * login containing {@code [bot]}.
 *
 * @param login the login, or null when the API resolved no account
 * @param id numeric id, 0 when unknown
 * @param type {@code User}, {@code Bot}, {@code Organization}, or null
 */
public record Account(String login, long id, String type) {
  public static final Account NONE = new Account(null, 0, null);
  /** The identity GITHUB_TOKEN writes comments as: the default author of plangate's comment. */
  public static final String WORKFLOW_BOT = "github-actions[bot]";

  /** Reads {@code {"login": ..., "id": ..., "type": ...}}; a missing or null node is NONE. */
  public static Account of(JsonNode node) {
    if (node == null || !node.isObject()) {
      return NONE;
    }
    String login = node.path("login").isTextual() ? node.path("login").asText() : null;
    String type = node.path("type").isTextual() ? node.path("type").asText() : null;
    return new Account(login, node.path("id").asLong(0), type);
  }

  public boolean exists() {
    return login != null;
  }

  /** A GitHub App identity: {@code type: Bot}, or an App's {@code name[bot]} login. */
  public boolean isApp() {
    return "Bot".equals(type) || (login != null && login.endsWith("[bot]"));
  }

  /** A person's account: {@code type: User} and not an App login. */
  public boolean isUser() {
    return "User".equals(type) && !isApp();
  }

  public boolean sameAs(String otherLogin) {
    return login != null && otherLogin != null
        && login.toLowerCase(Locale.ROOT).equals(otherLogin.toLowerCase(Locale.ROOT));
  }

  /** "claude[bot] (Bot, id 209825114)". */
  public String describe() {
    return login + " (" + (type == null ? "unknown type" : type)
        + (id > 0 ? ", id " + id : "") + ")";
  }
}
