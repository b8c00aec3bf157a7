package dev.plangate.gitlab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Recorded-shape GitLab REST v4 answers (docs.gitlab.com/api: merge_requests, commits,
 * resource_label_events, users, members, versions, merge_request_approvals, notes), trimmed to
 * the fields plangate reads plus a few it ignores, so that a renamed field fails a test.
 */
public final class GitLabFixtures {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final String PROJECT = "4242";
  public static final long IID = 7;
  public static final String LABEL = "plangate/approve-destroy";
  public static final String MR = "/projects/" + PROJECT + "/merge_requests/" + IID;

  /** Accounts: alice Maintainer, bob Developer, rita Reporter, the agent a project bot. */
  public record User(long id, String username, String name, boolean bot, int accessLevel,
      String publicEmail) {}

  public static final User ALICE = new User(101, "alice", "Alice Example", false, 40, "");
  public static final User BOB = new User(102, "bob", "Bob Example", false, 30, "");
  public static final User RITA = new User(103, "rita", "Rita Reporter", false, 20, "");
  public static final User AGENT = new User(901, "project_4242_bot_3f1a", "infra-agent", true,
      30, "");
  public static final User DAVE = new User(104, "dave", "Dave Coauthor", false, 40,
      "dave@example.com");
  public static final User PLANGATE = new User(950, "project_4242_bot_plangate", "plangate",
      true, 20, "");
  public static final List<User> ALL = List.of(ALICE, BOB, RITA, AGENT, DAVE, PLANGATE);

  private GitLabFixtures() {}

  /** The embedded "user"/"author" object. */
  public static ObjectNode basic(User u) {
    return JSON.createObjectNode().put("id", u.id()).put("username", u.username())
        .put("name", u.name()).put("state", "active").put("locked", false)
        .put("avatar_url", "https://gitlab.example.com/uploads/-/system/user/avatar/"
            + u.id() + "/avatar.png").put("web_url", "https://gitlab.example.com/"
            + u.username());
  }

  /** {@code GET /users/:id}. */
  public static ObjectNode user(User u) {
    return basic(u).put("created_at", "2025-01-01T00:00:00.000Z").put("bio", "")
        .put("public_email", u.publicEmail()).put("bot", u.bot())
        .put("job_title", "").put("pronouns", (String) null);
  }

  /** {@code GET /projects/:id/members/all/:user_id}. */
  public static ObjectNode member(User u) {
    return basic(u).put("access_level", u.accessLevel())
        .put("created_at", "2025-01-02T00:00:00.000Z").putNull("expires_at")
        .put("membership_state", "active");
  }

  /** {@code GET /projects/:id/merge_requests/:iid}. */
  public static ObjectNode mergeRequest(User author, String base, String head) {
    ObjectNode mr = JSON.createObjectNode().put("id", 88001).put("iid", IID)
        .put("project_id", Long.parseLong(PROJECT)).put("title", "Remove the orders database")
        .put("description", "").put("state", "opened")
        .put("created_at", "2026-05-01T09:00:00.000Z")
        .put("target_branch", "main").put("source_branch", "agent/remove-orders-db")
        .put("sha", head).put("merge_commit_sha", (String) null).put("draft", false)
        .put("detailed_merge_status", "mergeable")
        .put("web_url", "https://gitlab.example.com/acme/infra/-/merge_requests/" + IID);
    mr.set("author", basic(author));
    mr.putArray("labels");
    mr.putObject("diff_refs").put("base_sha", base).put("head_sha", head)
        .put("start_sha", base);
    return mr;
  }

  /** An element of {@code GET .../merge_requests/:iid/commits}. */
  public static ObjectNode commit(String sha, String message, String authorName,
      String authorEmail) {
    ObjectNode c = JSON.createObjectNode().put("id", sha).put("short_id", sha.substring(0, 8))
        .put("created_at", "2026-05-01T09:30:00.000+00:00")
        .put("title", message.lines().findFirst().orElse("")).put("message", message)
        .put("author_name", authorName).put("author_email", authorEmail)
        .put("authored_date", "2026-05-01T09:30:00.000+00:00")
        .put("committer_name", authorName).put("committer_email", authorEmail)
        .put("committed_date", "2026-05-01T09:30:00.000+00:00")
        .put("web_url", "https://gitlab.example.com/acme/infra/-/commit/" + sha);
    c.putArray("parent_ids");
    c.putObject("trailers");
    return c;
  }

  /** An element of {@code GET .../resource_label_events}. */
  public static ObjectNode labelEvent(long id, User by, String label, String action,
      String at) {
    ObjectNode e = JSON.createObjectNode().put("id", id);
    e.set("user", basic(by));
    e.put("created_at", at).put("resource_type", "MergeRequest").put("resource_id", 88001);
    e.putObject("label").put("id", 74).put("name", label).put("color", "#D9534F")
        .put("description", "Human approval of a destroy");
    e.put("action", action);
    return e;
  }

  /** An element of {@code GET .../versions}. */
  public static ObjectNode version(long id, String head, String base, String at) {
    return JSON.createObjectNode().put("id", id).put("head_commit_sha", head)
        .put("base_commit_sha", base).put("start_commit_sha", base).put("created_at", at)
        .put("merge_request_id", 88001).put("state", "collected").put("real_size", "1")
        .put("patch_id_sha", "d504412d5b6e6739647e752aff8e468dde093f2f");
  }

  /** {@code GET .../approvals}: {@code approved_by} entries with {@code approved_at}. */
  public static ObjectNode approvals(List<User> by, String at) {
    ObjectNode a = JSON.createObjectNode().put("id", 88001).put("iid", IID)
        .put("project_id", Long.parseLong(PROJECT)).put("approved", !by.isEmpty())
        .put("approvals_required", 0).put("approvals_left", 0);
    ArrayNode list = a.putArray("approved_by");
    for (User u : by) {
      ObjectNode e = list.addObject();
      e.set("user", basic(u));
      if (at != null) {
        e.put("approved_at", at);
      }
    }
    return a;
  }

  /** Serves users, members, versions and the merge request for these accounts. */
  public static void serveAccounts(FakeGitLab gitlab) {
    for (User u : ALL) {
      gitlab.onGet("/users/" + u.id(), user(u));
      if (u.accessLevel() > 0) {
        gitlab.onGet("/projects/" + PROJECT + "/members/all/" + u.id(), member(u));
      }
    }
    gitlab.self(basic(PLANGATE));
  }

  /**
   * Serves merge request {@link #IID}, opened by {@link #AGENT}, whose one commit {@code head}
   * (by infra-agent) was pushed at {@code pushedAt} onto {@code base}, whose label history is
   * {@code events} (as it is now: serve again after changing it) and which has no approvals.
   */
  public static void serveAgentMergeRequest(FakeGitLab gitlab, String base, String head,
      List<JsonNode> events, String pushedAt) {
    gitlab.onGet(MR, mergeRequest(AGENT, base, head));
    gitlab.list(MR + "/commits", List.of(commit(head, "Remove the orders database",
        "infra-agent", "agent@example.com")), 20);
    gitlab.list(MR + "/resource_label_events", events, 20);
    gitlab.list(MR + "/versions", List.of(version(2, head, base, pushedAt)), 20);
    gitlab.onGet(MR + "/approvals", approvals(List.of(), null));
  }

  /** The variables GitLab gives a job of that merge request's pipeline. */
  public static java.util.Map<String, String> pipelineVariables(FakeGitLab gitlab, String base,
      String head, String token) {
    java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("GITLAB_CI",
        "true", "CI_PIPELINE_SOURCE", "merge_request_event", "CI_PROJECT_ID", PROJECT,
        "CI_MERGE_REQUEST_IID", String.valueOf(IID), "CI_API_V4_URL", gitlab.apiUrl(),
        "CI_MERGE_REQUEST_DIFF_BASE_SHA", base, "CI_COMMIT_SHA", head));
    if (token != null) {
      env.put("PLANGATE_GITLAB_TOKEN", token);
    }
    return env;
  }

  public static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
