package dev.plangate.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.platform.ApiText;

/**
 * A merge request as {@code GET /projects/:id/merge_requests/:iid} answers now.
 *
 * @param headSha {@code sha}: the source branch's head
 * @param baseSha {@code diff_refs.base_sha}: where the change begins; the policy comes from here
 */
public record MergeRequest(long iid, GitLabUser author, String headSha, String baseSha,
    String sourceBranch) {
  private static final String SHA = "[0-9a-f]{40}([0-9a-f]{24})?";

  static MergeRequest of(JsonNode n) throws GitLabCheckException {
    if (!n.isObject() || n.path("iid").asLong(0) <= 0) {
      throw new GitLabCheckException("GitLab's merge request has no iid: the answer is not a"
          + " merge request");
    }
    String head = n.path("sha").asText(n.path("diff_refs").path("head_sha").asText(""));
    String base = n.path("diff_refs").path("base_sha").asText("");
    if (!head.matches(SHA)) {
      throw new GitLabCheckException("the merge request has no usable head commit (sha '"
          + ApiText.clean(head, 70) + "')");
    }
    if (!base.matches(SHA)) {
      throw new GitLabCheckException("the merge request has no usable diff_refs.base_sha ('"
          + ApiText.clean(base, 70) + "'), so plangate cannot tell which policy was in force");
    }
    GitLabUser author = GitLabUser.of(n.get("author"));
    if (!author.exists()) {
      throw new GitLabCheckException("the merge request names no author");
    }
    return new MergeRequest(n.path("iid").asLong(), author, head, base,
        n.path("source_branch").asText(""));
  }
}
