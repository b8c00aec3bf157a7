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

  /**
   * Reads one entry; an entry that is not a commit object with a sha and a {@code commit}
   * object is refused rather than read as a commit without author, email or message (which
   * would hide an agent's commit from the authorship check).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static PullRequestCommit of(JsonNode c) {
    if (c == null || !c.isObject()) {
      throw new IllegalArgumentException("an entry of the pull request's commits is not an"
          + " object");
    }
    String sha = c.path("sha").isTextual() ? c.path("sha").asText() : "";
    if (!sha.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
      throw new IllegalArgumentException("an entry of the pull request's commits has no commit"
          + " sha");
    }
    JsonNode commit = c.path("commit");
    if (!commit.isObject()) {
      throw new IllegalArgumentException("the pull request's commit " + sha.substring(0, 7)
          + " has no \"commit\" object (author, committer, message)");
    }
    return new PullRequestCommit(sha, Account.of(c.get("author")),
        Account.of(c.get("committer")), commit.path("author").path("email").asText(""),
        commit.path("committer").path("email").asText(""), commit.path("message").asText(""),
        commit.path("verification").path("verified").asBoolean(false));
  }
}
