package dev.plangate.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of {@code GET /repos/{o}/{r}/pulls/{n}} the gate relies on. Always read fresh from
 * the API: a re-run replays the original event, whose head and labels may be stale.
 *
 * @param number the pull request's number
 * @param title its title (attacker-controlled)
 * @param author who opened it
 * @param headSha the newest commit
 * @param headRef the head branch name (attacker-controlled)
 * @param headRepo {@code owner/repo} of the head branch
 * @param baseSha the base branch's commit the pull request is compared with
 * @param baseRef the base branch name
 * @param baseRepo {@code owner/repo} of the base branch
 * @param labels label names at the time of the request
 * @param commits the number of commits GitHub counts
 */
public record PullRequest(
    int number,
    String title,
    Account author,
    String headSha,
    String headRef,
    String headRepo,
    String baseSha,
    String baseRef,
    String baseRepo,
    List<String> labels,
    int commits) {

  public PullRequest {
    labels = List.copyOf(labels);
  }

  /**
   * Reads a pull-request object.
   *
   * @throws IllegalArgumentException naming the missing field
   */
  public static PullRequest of(JsonNode pr) {
    List<String> labels = new ArrayList<>();
    pr.path("labels").forEach(l -> labels.add(l.path("name").asText()));
    return new PullRequest(
        required(pr, "number").asInt(),
        pr.path("title").asText(""),
        Account.of(pr.get("user")),
        sha(required(pr.path("head"), "sha").asText(), "head.sha"),
        pr.path("head").path("ref").asText(""),
        pr.path("head").path("repo").path("full_name").asText(null),
        sha(required(pr.path("base"), "sha").asText(), "base.sha"),
        pr.path("base").path("ref").asText(""),
        pr.path("base").path("repo").path("full_name").asText(null),
        labels,
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
