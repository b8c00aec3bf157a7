package dev.plangate.github;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of {@code GET /pulls/{n}/commits}: git's author and committer lines, and the
 * accounts GitHub resolved from their emails (null when none; spoofable unless the signature is
 * verified).
 *
 * @param sha the commit
 * @param author the account GitHub resolved for the author email
 * @param committer the account resolved for the committer email
 * @param authorEmail git's author email
 * @param committerEmail git's committer email
 * @param message the whole message
 * @param verified whether GitHub verified the signature
 */
public record PullRequestCommit(String sha, Account author, Account committer,
    String authorEmail, String committerEmail, String message, boolean verified) {

  public static PullRequestCommit of(JsonNode c) {
    JsonNode commit = c.path("commit");
    return new PullRequestCommit(c.path("sha").asText(""), Account.of(c.get("author")),
        Account.of(c.get("committer")), commit.path("author").path("email").asText(""),
        commit.path("committer").path("email").asText(""), commit.path("message").asText(""),
        commit.path("verification").path("verified").asBoolean(false));
  }
}
