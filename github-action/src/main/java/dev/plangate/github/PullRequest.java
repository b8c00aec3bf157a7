package dev.plangate.github;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of {@code GET /repos/{o}/{r}/pulls/{n}} the gate relies on. Always read fresh from
 * the API: a re-run replays the original event, whose head and labels may be stale.
 *
 * @param number the pull request's number
 * @param author who opened it
 * @param headSha the newest commit
 * @param headRef the head branch name (attacker-controlled)
 * @param headRepo {@code owner/repo} of the head branch
 * @param baseSha the base branch's commit the pull request is compared with
 * @param baseRepo {@code owner/repo} of the base branch
 * @param commits the number of commits GitHub counts
 */
public record PullRequest(
    int number,
    Account author,
    String headSha,
    String headRef,
    String headRepo,
    String baseSha,
    String baseRepo,
    int commits) {

  /**
   * Reads a pull-request object.
   *
   * @throws IllegalArgumentException naming the missing field
   */
  public static PullRequest of(JsonNode pr) {
    return new PullRequest(
        required(pr, "number").asInt(),
        Account.of(pr.get("user")),
        sha(required(pr.path("head"), "sha").asText(), "head.sha"),
        pr.path("head").path("ref").asText(""),
        pr.path("head").path("repo").path("full_name").asText(null),
        sha(required(pr.path("base"), "sha").asText(), "base.sha"),
        pr.path("base").path("repo").path("full_name").asText(null),
        pr.path("commits").asInt(-1));
  }

  /**
   * Whether the head branch lives in another repository. Its runs get a read-only token and
   * no secrets, so the gate decides but cannot comment.
   */
  public boolean fromFork() {
    return headRepo == null || !headRepo.equalsIgnoreCase(baseRepo);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("the pull request has no \"" + field + "\"");
    }
    return v;
  }

  private static String sha(String value, String field) {
    if (!value.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException("the pull request's " + field + " is not a commit sha");
    }
    return value;
  }
}
