package dev.plangate.github.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * GitHub JSON in the shapes GitHub really sends (shared notes {@code github-approval.md}: field
 * names, nesting and types, including fields the gate ignores such as {@code node_id} and
 * {@code html_url}), so code is tested against the real shape rather than a minimal one.
 *
 * <p>Everything returns a fresh, mutable {@link ObjectNode}; adjust a field the builders do not
 * cover with {@code put}/{@code set}. Defaults describe the running example of the notes: PR 42
 * of {@code acme/infra}, head {@link #HEAD_SHA}, base {@link #BASE_SHA}.
 *
 * <pre>{@code
 * ObjectNode pr = GitHubFixtures.pullRequest(42).author(COPILOT).headRef("copilot/remove-vpc")
 *     .labels(APPROVAL_LABEL).build();
 * ObjectNode event = GitHubFixtures.labeledEvent(pr, APPROVAL_LABEL, ALICE);
 * List<ObjectNode> timeline = List.of(
 *     commit(HEAD_SHA).by(COPILOT).timelineEvent(),
 *     labeled(9001, ALICE, APPROVAL_LABEL, "2026-05-01T12:34:56Z"));
 * }</pre>
 */
public final class GitHubFixtures {
  private GitHubFixtures() {}

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The repository of the running example. */
  public static final String REPO = "acme/infra";
  /** Its numeric id. */
  public static final long REPO_ID = 7;
  /** The PR head of the running example. */
  public static final String HEAD_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  /** The PR base of the running example. */
  public static final String BASE_SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  /** The approval label of the running example. */
  public static final String APPROVAL_LABEL = "infra-destroy-approved";

  // ---- accounts ------------------------------------------------------------------------------

  /**
   * A GitHub account as it appears in {@code user}, {@code actor}, {@code sender}, {@code author}.
   *
   * @param type {@code User}, {@code Bot} or {@code Organization}
   * @param htmlUrl the profile page; bots' pages are their apps'
   */
  public record Account(String login, long id, String type, String htmlUrl) {
    public Account(String login, long id, String type) {
      this(login, id, type, type.equals("Bot")
          ? "https://github.com/apps/" + login.replace("[bot]", "")
          : "https://github.com/" + login);
    }

    /** The noreply address GitHub gives the account: {@code 1001+alice@users.noreply.github.com}. */
    public String noreplyEmail() {
      return id + "+" + login + "@users.noreply.github.com";
    }

    /** The full account object. */
    public ObjectNode json() {
      String api = "https://api.github.com/users/" + login;
      ObjectNode n = MAPPER.createObjectNode()
          .put("login", login)
          .put("id", id)
          .put("node_id", nodeId(type, id))
          .put("avatar_url", "https://avatars.githubusercontent.com/"
              + (type.equals("Bot") ? "in/" : "u/") + id + "?v=4")
          .put("gravatar_id", "")
          .put("url", api)
          .put("html_url", htmlUrl)
          .put("followers_url", api + "/followers")
          .put("following_url", api + "/following{/other_user}")
          .put("gists_url", api + "/gists{/gist_id}")
          .put("starred_url", api + "/starred{/owner}{/repo}")
          .put("subscriptions_url", api + "/subscriptions")
          .put("organizations_url", api + "/orgs")
          .put("repos_url", api + "/repos")
          .put("events_url", api + "/events{/privacy}")
          .put("received_events_url", api + "/received_events")
          .put("type", type)
          .put("user_view_type", "public")
          .put("site_admin", false);
      return n;
    }
  }

  /** A human maintainer (write access in the examples). */
  public static final Account ALICE = new Account("alice", 1001, "User");
  /** A second human maintainer. */
  public static final Account BOB = new Account("bob", 1002, "User");
  /** A human with the triage role: can label, maps to {@code read}. */
  public static final Account CAROL = new Account("carol", 1003, "User");
  /** GitHub Copilot coding agent; its PRs are authored by this account. */
  public static final Account COPILOT = new Account("Copilot", 198982749, "Bot",
      "https://github.com/apps/copilot-swe-agent");
  /** Claude's GitHub App bot account. */
  public static final Account CLAUDE = new Account("claude[bot]", 209825114, "Bot");
  /** Devin's GitHub App bot account. */
  public static final Account DEVIN = new Account("devin-ai-integration[bot]", 158243242, "Bot");
  /** Dependabot. */
  public static final Account DEPENDABOT = new Account("dependabot[bot]", 49699333, "Bot");
  /** The account GITHUB_TOKEN acts as. */
  public static final Account GITHUB_ACTIONS = new Account("github-actions[bot]", 41898282, "Bot");
  /** The committer of commits made in the web UI and by some apps. */
  public static final Account WEB_FLOW = new Account("web-flow", 19864447, "User");
  /** The organisation owning {@link #REPO}. */
  public static final Account ACME = new Account("acme", 9, "Organization");

  /**
   * A GitHub App as in {@code performed_via_github_app}.
   *
   * @param owner the account owning the app
   */
  public record App(long id, String slug, String name, Account owner) {
    public ObjectNode json() {
      ObjectNode n = MAPPER.createObjectNode()
          .put("id", id)
          .put("client_id", "Iv1." + Long.toHexString(id * 7919))
          .put("slug", slug)
          .put("node_id", base64("03:Integration" + id))
          .put("name", name)
          .put("description", "")
          .put("external_url", "https://github.com/apps/" + slug)
          .put("html_url", "https://github.com/apps/" + slug)
          .put("created_at", "2018-07-30T09:30:17Z")
          .put("updated_at", "2025-10-01T10:00:00Z");
      n.set("owner", owner.json());
      n.set("permissions", MAPPER.createObjectNode().put("issues", "write")
          .put("pull_requests", "write").put("contents", "write").put("metadata", "read"));
      n.set("events", MAPPER.createArrayNode());
      return n;
    }
  }

  /** The GitHub Actions app (GITHUB_TOKEN): id 15368 as in the notes. */
  public static final App GITHUB_ACTIONS_APP = new App(15368, "github-actions", "GitHub Actions",
      new Account("github", 9919, "Organization"));
  /** Claude's app. The app id is a placeholder: the notes do not record the real one. */
  public static final App CLAUDE_APP = new App(1236702, "claude", "Claude",
      new Account("anthropics", 76263028, "Organization"));
  /** Copilot coding agent's app. The app id is a placeholder. */
  public static final App COPILOT_APP = new App(1143301, "copilot-swe-agent",
      "Copilot coding agent", new Account("github", 9919, "Organization"));

  // ---- repository, labels --------------------------------------------------------------------

  /** A repository object; {@code fork} for a contributor's copy. */
  public static ObjectNode repository(String fullName, long id, boolean fork) {
    String owner = fullName.substring(0, fullName.indexOf('/'));
    String name = fullName.substring(fullName.indexOf('/') + 1);
    ObjectNode n = MAPPER.createObjectNode()
        .put("id", id)
        .put("node_id", base64("010:Repository" + id))
        .put("name", name)
        .put("full_name", fullName)
        .put("private", !fork);
    n.set("owner", owner.equals(ACME.login()) ? ACME.json()
        : new Account(owner, 5000 + Math.abs(owner.hashCode() % 1000), "User").json());
    n.put("html_url", "https://github.com/" + fullName)
        .put("description", "Infrastructure as code")
        .put("fork", fork)
        .put("url", "https://api.github.com/repos/" + fullName)
        .put("default_branch", "main")
        .put("visibility", fork ? "public" : "private")
        .put("created_at", "2024-01-01T00:00:00Z")
        .put("updated_at", "2026-05-01T10:00:00Z")
        .put("pushed_at", "2026-05-01T11:00:00Z");
    return n;
  }

  /** The running example's repository. */
  public static ObjectNode repository() {
    return repository(REPO, REPO_ID, false);
  }

  /** A label object; ids are stable per name ({@value #APPROVAL_LABEL} has the notes' id). */
  public static ObjectNode label(String name) {
    long id = name.equals(APPROVAL_LABEL) ? 1362934389L : 1_000_000_000L
        + Math.floorMod(name.hashCode(), 900_000_000);
    return MAPPER.createObjectNode()
        .put("id", id)
        .put("node_id", base64("05:Label" + id))
        .put("url", "https://api.github.com/repos/" + REPO + "/labels/" + name.replace(" ", "%20"))
        .put("name", name)
        .put("color", name.equals(APPROVAL_LABEL) ? "d73a4a" : "ededed")
        .put("default", false)
        .put("description", name.equals(APPROVAL_LABEL)
            ? "Human approved destructive infra change" : null);
  }

  // ---- pull request --------------------------------------------------------------------------

  /** A pull request of {@link #REPO} as GET /repos/{o}/{r}/pulls/{n} and payloads have it. */
  public static PullRequest pullRequest(int number) {
    return new PullRequest(number);
  }

  /** Builds a pull request object; defaults: by {@link #ALICE}, open, head/base shas above. */
  public static final class PullRequest {
    private final int number;
    private Account author = ALICE;
    private String title = "Remove legacy VPC";
    private String body = "Removes the unused legacy VPC and its subnets.";
    private String state = "open";
    private boolean draft;
    private boolean merged;
    private String headRef = "feature/remove-legacy-vpc";
    private String headSha = HEAD_SHA;
    private String baseRef = "main";
    private String baseSha = BASE_SHA;
    private String headRepo = REPO;
    private List<String> labels = List.of();
    private int commits = 1;
    private String authorAssociation = "MEMBER";
    private String createdAt = "2026-05-01T10:00:00Z";
    private String updatedAt = "2026-05-01T12:34:56Z";

    private PullRequest(int number) {
      this.number = number;
    }

    public PullRequest author(Account a) {
      this.author = a;
      this.authorAssociation = a.type().equals("Bot") ? "NONE" : authorAssociation;
      return this;
    }

    public PullRequest title(String t) {
      this.title = t;
      return this;
    }

    public PullRequest body(String b) {
      this.body = b;
      return this;
    }

    /** {@code open} or {@code closed}. */
    public PullRequest state(String s) {
      this.state = s;
      return this;
    }

    public PullRequest draft(boolean d) {
      this.draft = d;
      return this;
    }

    public PullRequest merged(boolean m) {
      this.merged = m;
      return this;
    }

    public PullRequest headRef(String ref) {
      this.headRef = ref;
      return this;
    }

    public PullRequest headSha(String sha) {
      this.headSha = sha;
      return this;
    }

    public PullRequest baseRef(String ref) {
      this.baseRef = ref;
      return this;
    }

    public PullRequest baseSha(String sha) {
      this.baseSha = sha;
      return this;
    }

    /** The head lives in a fork: {@code head.repo.full_name} differs from the base's. */
    public PullRequest fromFork(String forkFullName) {
      this.headRepo = forkFullName;
      return this;
    }

    /** The labels on the PR now. */
    public PullRequest labels(String... names) {
      this.labels = List.of(names);
      return this;
    }

    public PullRequest commits(int n) {
      this.commits = n;
      return this;
    }

    /** {@code OWNER}, {@code MEMBER}, {@code COLLABORATOR}, {@code CONTRIBUTOR}, {@code NONE}… */
    public PullRequest authorAssociation(String a) {
      this.authorAssociation = a;
      return this;
    }

    public PullRequest createdAt(String t) {
      this.createdAt = t;
      return this;
    }

    public PullRequest updatedAt(String t) {
      this.updatedAt = t;
      return this;
    }

    public ObjectNode build() {
      String api = "https://api.github.com/repos/" + REPO;
      String html = "https://github.com/" + REPO + "/pull/" + number;
      ObjectNode n = MAPPER.createObjectNode()
          .put("url", api + "/pulls/" + number)
          .put("id", 1_900_000_000L + number)
          .put("node_id", "PR_kwDOAAAAB84" + Integer.toString(number, 36).toUpperCase(Locale.ROOT))
          .put("html_url", html)
          .put("diff_url", html + ".diff")
          .put("patch_url", html + ".patch")
          .put("issue_url", api + "/issues/" + number)
          .put("number", number)
          .put("state", state)
          .put("locked", false)
          .put("title", title);
      n.set("user", author.json());
      n.put("body", body)
          .put("created_at", createdAt)
          .put("updated_at", updatedAt)
          .putNull("closed_at")
          .put("merged_at", merged ? updatedAt : null)
          .put("merge_commit_sha", "5f4e3d2c1b0a99887766554433221100ffeeddcc")
          .putNull("assignee");
      n.set("assignees", MAPPER.createArrayNode());
      n.set("requested_reviewers", MAPPER.createArrayNode());
      n.set("requested_teams", MAPPER.createArrayNode());
      ArrayNode ls = n.putArray("labels");
      labels.forEach(l -> ls.add(label(l)));
      n.putNull("milestone");
      n.put("draft", draft)
          .put("commits_url", api + "/pulls/" + number + "/commits")
          .put("review_comments_url", api + "/pulls/" + number + "/comments")
          .put("comments_url", api + "/issues/" + number + "/comments")
          .put("statuses_url", api + "/statuses/" + headSha);
      boolean fork = !headRepo.equals(REPO);
      String headOwner = headRepo.substring(0, headRepo.indexOf('/'));
      n.set("head", ref(headOwner + ":" + headRef, headRef, headSha,
          fork ? new Account(headOwner, 5001, "User") : ACME,
          fork ? repository(headRepo, 70_000 + REPO_ID, true) : repository()));
      n.set("base", ref(ACME.login() + ":" + baseRef, baseRef, baseSha, ACME, repository()));
      n.set("_links", MAPPER.createObjectNode()
          .set("html", MAPPER.createObjectNode().put("href", html)));
      n.put("author_association", authorAssociation)
          .putNull("auto_merge")
          .putNull("active_lock_reason")
          .put("merged", merged)
          .putNull("mergeable")
          .putNull("rebaseable")
          .put("mergeable_state", "unknown")
          .putNull("merged_by")
          .put("comments", 0)
          .put("review_comments", 0)
          .put("maintainer_can_modify", fork)
          .put("commits", commits)
          .put("additions", 10)
          .put("deletions", 120)
          .put("changed_files", 2);
      return n;
    }

    private static ObjectNode ref(String label, String ref, String sha, Account user,
        ObjectNode repo) {
      ObjectNode r = MAPPER.createObjectNode().put("label", label).put("ref", ref).put("sha", sha);
      r.set("user", user.json());
      r.set("repo", repo);
      return r;
    }
  }

  // ---- commits -------------------------------------------------------------------------------

  /** A commit, as an element of GET pulls/{n}/commits or as a {@code committed} event. */
  public static Commit commit(String sha) {
    return new Commit(sha);
  }

  /**
   * Builds a commit; defaults: authored by {@link #ALICE} (name, noreply email, account),
   * committed by "GitHub"/{@link #WEB_FLOW}, unsigned, one parent {@link #BASE_SHA}.
   */
  public static final class Commit {
    private final String sha;
    private String authorName = ALICE.login();
    private String authorEmail = ALICE.noreplyEmail();
    private String authorDate = "2026-05-01T11:00:00Z";
    private String committerName = "GitHub";
    private String committerEmail = "noreply@github.com";
    private String committerDate = "2026-05-01T11:00:00Z";
    private String message = "Remove legacy VPC";
    private Account authorAccount = ALICE;
    private Account committerAccount = WEB_FLOW;
    private boolean verified;
    private String reason = "unsigned";
    private List<String> parents = List.of(BASE_SHA);

    private Commit(String sha) {
      this.sha = sha;
    }

    /**
     * Authored by {@code a}: its login as the name, its noreply email, and its account resolved;
     * Copilot commits use the name {@code copilot-swe-agent[bot]} as GitHub writes them.
     */
    public Commit by(Account a) {
      this.authorName = a.equals(COPILOT) ? "copilot-swe-agent[bot]" : a.login();
      this.authorEmail = a.noreplyEmail();
      this.authorAccount = a;
      return this;
    }

    /** The git author; the account stays as set (null it with {@link #authorAccount}). */
    public Commit author(String name, String email) {
      this.authorName = name;
      this.authorEmail = email;
      return this;
    }

    public Commit authorDate(String iso) {
      this.authorDate = iso;
      return this;
    }

    public Commit committer(String name, String email) {
      this.committerName = name;
      this.committerEmail = email;
      return this;
    }

    public Commit committerDate(String iso) {
      this.committerDate = iso;
      return this;
    }

    /** The full message, trailers included. */
    public Commit message(String m) {
      this.message = m;
      return this;
    }

    /** The GitHub account resolved from the author email; null when none matches. */
    public Commit authorAccount(Account a) {
      this.authorAccount = a;
      return this;
    }

    /** The GitHub account resolved from the committer email; null when none matches. */
    public Commit committerAccount(Account a) {
      this.committerAccount = a;
      return this;
    }

    /** A valid signature GitHub verified. */
    public Commit signed() {
      return verification(true, "valid");
    }

    /** {@code verification.verified} and {@code reason} ({@code unsigned}, {@code bad_email}…). */
    public Commit verification(boolean v, String r) {
      this.verified = v;
      this.reason = r;
      return this;
    }

    public Commit parents(String... shas) {
      this.parents = List.of(shas);
      return this;
    }

    /** The element of GET /repos/{o}/{r}/pulls/{n}/commits. */
    public ObjectNode build() {
      String api = "https://api.github.com/repos/" + REPO;
      ObjectNode n = MAPPER.createObjectNode()
          .put("sha", sha)
          .put("node_id", "C_kwDOAAAAB9oAKD" + sha.substring(0, 12));
      ObjectNode c = n.putObject("commit");
      c.set("author", person(authorName, authorEmail, authorDate));
      c.set("committer", person(committerName, committerEmail, committerDate));
      c.put("message", message);
      c.set("tree", MAPPER.createObjectNode().put("sha", treeSha())
          .put("url", api + "/git/trees/" + treeSha()));
      c.put("url", api + "/git/commits/" + sha).put("comment_count", 0);
      c.set("verification", verificationJson());
      n.put("url", api + "/commits/" + sha)
          .put("html_url", "https://github.com/" + REPO + "/commit/" + sha)
          .put("comments_url", api + "/commits/" + sha + "/comments");
      n.set("author", authorAccount == null ? null : authorAccount.json());
      n.set("committer", committerAccount == null ? null : committerAccount.json());
      n.set("parents", parentsJson());
      return n;
    }

    /** The {@code committed} timeline event: no actor and no server {@code created_at}. */
    public ObjectNode timelineEvent() {
      String api = "https://api.github.com/repos/" + REPO;
      ObjectNode n = MAPPER.createObjectNode()
          .put("sha", sha)
          .put("node_id", "C_kwDOAAAAB9oAKD" + sha.substring(0, 12))
          .put("url", api + "/git/commits/" + sha)
          .put("html_url", "https://github.com/" + REPO + "/commit/" + sha);
      n.set("author", person(authorName, authorEmail, authorDate));
      n.set("committer", person(committerName, committerEmail, committerDate));
      n.set("tree", MAPPER.createObjectNode().put("sha", treeSha())
          .put("url", api + "/git/trees/" + treeSha()));
      n.put("message", message);
      n.set("parents", parentsJson());
      n.set("verification", verificationJson());
      n.put("event", "committed");
      return n;
    }

    private ObjectNode verificationJson() {
      ObjectNode v = MAPPER.createObjectNode().put("verified", verified).put("reason", reason);
      boolean hasSignature = !reason.equals("unsigned");
      v.put("signature", hasSignature
          ? "-----BEGIN PGP SIGNATURE-----\n\niQEz…\n-----END PGP SIGNATURE-----\n" : null);
      v.put("payload", hasSignature ? "tree " + treeSha() + "\nparent " + parents.get(0)
          + "\nauthor " + authorName + " <" + authorEmail + "> 1777633200 +0000\n\n" + message
          : null);
      v.put("verified_at", verified ? committerDate : null);
      return v;
    }

    private ArrayNode parentsJson() {
      ArrayNode ps = MAPPER.createArrayNode();
      for (String p : parents) {
        ps.add(MAPPER.createObjectNode().put("sha", p)
            .put("url", "https://api.github.com/repos/" + REPO + "/commits/" + p)
            .put("html_url", "https://github.com/" + REPO + "/commit/" + p));
      }
      return ps;
    }

    private String treeSha() {
      return new StringBuilder(sha).reverse().toString();
    }
  }

  private static ObjectNode person(String name, String email, String date) {
    return MAPPER.createObjectNode().put("name", name).put("email", email).put("date", date);
  }

  // ---- timeline, reviews, permissions --------------------------------------------------------

  /** A {@code labeled} timeline / issue event, not performed via an app. */
  public static ObjectNode labeled(long id, Account actor, String label, String createdAt) {
    return labelEvent("labeled", "LE_", id, actor, label, createdAt);
  }

  /** An {@code unlabeled} timeline / issue event, not performed via an app. */
  public static ObjectNode unlabeled(long id, Account actor, String label, String createdAt) {
    return labelEvent("unlabeled", "UNLE_", id, actor, label, createdAt);
  }

  /** Sets {@code performed_via_github_app} of an event to {@code app}; returns the event. */
  public static ObjectNode viaApp(ObjectNode event, App app) {
    event.set("performed_via_github_app", app.json());
    return event;
  }

  /** A {@code head_ref_force_pushed} event: the one push event with a server timestamp. */
  public static ObjectNode headRefForcePushed(long id, Account actor, String createdAt) {
    ObjectNode n = issueEvent("head_ref_force_pushed", "HRFPE_", id, actor, createdAt);
    n.putNull("performed_via_github_app");
    return n;
  }

  /**
   * A {@code reviewed} timeline event; {@code state} is lower case here ({@code approved},
   * {@code changes_requested}, {@code commented}, {@code dismissed}).
   */
  public static ObjectNode reviewed(long id, Account user, String state, String commitId,
      String submittedAt) {
    String html = "https://github.com/" + REPO + "/pull/42#pullrequestreview-" + id;
    ObjectNode n = MAPPER.createObjectNode().put("id", id).put("node_id", "PRR_kwDO" + id);
    n.set("user", user.json());
    n.put("body", state.equals("approved") ? "LGTM for destroy" : "")
        .put("commit_id", commitId)
        .put("submitted_at", submittedAt)
        .put("state", state)
        .put("html_url", html)
        .put("pull_request_url", "https://api.github.com/repos/" + REPO + "/pulls/42")
        .put("author_association", user.type().equals("Bot") ? "NONE" : "MEMBER");
    n.set("_links", links(html));
    n.put("event", "reviewed");
    return n;
  }

  /**
   * An element of GET /repos/{o}/{r}/pulls/{n}/reviews; {@code state} is upper case here
   * ({@code APPROVED}, {@code CHANGES_REQUESTED}, {@code COMMENTED}, {@code DISMISSED},
   * {@code PENDING}).
   */
  public static ObjectNode review(long id, Account user, String state, String commitId,
      String submittedAt) {
    String html = "https://github.com/" + REPO + "/pull/42#pullrequestreview-" + id;
    ObjectNode n = MAPPER.createObjectNode().put("id", id).put("node_id", "PRR_kwDO" + id);
    n.set("user", user.json());
    n.put("body", state.equals("APPROVED") ? "LGTM" : "")
        .put("state", state)
        .put("html_url", html)
        .put("pull_request_url", "https://api.github.com/repos/" + REPO + "/pulls/42")
        .put("author_association", user.type().equals("Bot") ? "NONE" : "MEMBER");
    n.set("_links", links(html));
    n.put("submitted_at", submittedAt).put("commit_id", commitId);
    return n;
  }

  /**
   * GET /repos/{o}/{r}/collaborators/{user}/permission for a role: {@code admin},
   * {@code maintain}, {@code write}, {@code triage}, {@code read} (or a custom role name, which
   * maps to {@code read}); {@code permission} is the legacy level the role maps to.
   */
  public static ObjectNode permission(Account user, String role) {
    String legacy = switch (role) {
      case "admin" -> "admin";
      case "maintain", "write" -> "write";
      case "none" -> "none";
      default -> "read";
    };
    ObjectNode u = user.json();
    u.set("permissions", MAPPER.createObjectNode()
        .put("admin", role.equals("admin"))
        .put("maintain", role.equals("admin") || role.equals("maintain"))
        .put("push", legacy.equals("admin") || legacy.equals("write"))
        .put("triage", !legacy.equals("none") && !role.equals("read"))
        .put("pull", !legacy.equals("none")));
    u.put("role_name", role);
    ObjectNode n = MAPPER.createObjectNode().put("permission", legacy).put("role_name", role);
    n.set("user", u);
    return n;
  }

  // ---- workflow runs -------------------------------------------------------------------------

  /**
   * An element of {@code workflow_runs} in GET /repos/{o}/{r}/actions/runs.
   *
   * @param event {@code pull_request}, {@code push}, …
   * @param status {@code completed}, {@code in_progress}, {@code queued}, …
   * @param conclusion {@code success}, {@code failure}, … or null while running
   */
  public static ObjectNode workflowRun(long id, String name, String event, String headSha,
      String createdAt, int runAttempt, String status, String conclusion) {
    String api = "https://api.github.com/repos/" + REPO + "/actions/runs/" + id;
    ObjectNode n = MAPPER.createObjectNode()
        .put("id", id)
        .put("name", name)
        .put("node_id", "WFR_kwLO" + id)
        .put("head_branch", "feature/remove-legacy-vpc")
        .put("head_sha", headSha)
        .put("path", ".github/workflows/plangate.yml")
        .put("display_title", "Remove legacy VPC")
        .put("run_number", id % 1000)
        .put("event", event)
        .put("status", status)
        .put("conclusion", conclusion)
        .put("workflow_id", 161335)
        .put("check_suite_id", id + 1_000_000)
        .put("check_suite_node_id", "CS_kwDO" + id)
        .put("url", api)
        .put("html_url", "https://github.com/" + REPO + "/actions/runs/" + id);
    n.set("pull_requests", MAPPER.createArrayNode());
    n.put("created_at", createdAt)
        .put("updated_at", createdAt)
        .put("run_attempt", runAttempt)
        .put("run_started_at", createdAt)
        .put("jobs_url", api + "/jobs")
        .put("logs_url", api + "/logs")
        .put("workflow_url", "https://api.github.com/repos/" + REPO + "/actions/workflows/161335");
    n.set("actor", ALICE.json());
    n.set("triggering_actor", ALICE.json());
    ObjectNode hc = n.putObject("head_commit")
        .put("id", headSha)
        .put("tree_id", new StringBuilder(headSha).reverse().toString())
        .put("message", "Remove legacy VPC")
        .put("timestamp", "2026-05-01T11:00:00Z");
    hc.set("author", MAPPER.createObjectNode().put("name", "alice")
        .put("email", ALICE.noreplyEmail()));
    hc.set("committer", MAPPER.createObjectNode().put("name", "GitHub")
        .put("email", "noreply@github.com"));
    n.set("repository", repository());
    n.set("head_repository", repository());
    return n;
  }

  /** The page object of GET /repos/{o}/{r}/actions/runs: {@code total_count} and the runs. */
  public static ObjectNode workflowRuns(List<? extends JsonNode> runs) {
    ObjectNode n = MAPPER.createObjectNode().put("total_count", runs.size());
    n.putArray("workflow_runs").addAll(new ArrayList<JsonNode>(runs));
    return n;
  }

  // ---- event payloads ($GITHUB_EVENT_PATH) ---------------------------------------------------

  /** {@code pull_request} / {@code opened}. */
  public static ObjectNode openedEvent(ObjectNode pr, Account sender) {
    return pullRequestEvent("opened", pr, sender);
  }

  /** {@code pull_request} / {@code reopened}. */
  public static ObjectNode reopenedEvent(ObjectNode pr, Account sender) {
    return pullRequestEvent("reopened", pr, sender);
  }

  /**
   * {@code pull_request} / {@code synchronize}: a push moved the head from {@code before} to
   * {@code after} (the payload's {@code head.sha} is set to {@code after}).
   */
  public static ObjectNode synchronizeEvent(ObjectNode pr, String before, String after,
      Account sender) {
    ObjectNode copy = pr.deepCopy();
    ((ObjectNode) copy.get("head")).put("sha", after);
    ObjectNode n = pullRequestEvent("synchronize", copy, sender);
    n.put("before", before).put("after", after);
    return n;
  }

  /**
   * {@code pull_request} / {@code labeled} by {@code sender}; the payload's
   * {@code pull_request.labels} (the labels at event time) gains the label if missing.
   */
  public static ObjectNode labeledEvent(ObjectNode pr, String label, Account sender) {
    ObjectNode copy = pr.deepCopy();
    ArrayNode labels = (ArrayNode) copy.get("labels");
    boolean present = false;
    for (JsonNode l : labels) {
      present |= l.path("name").asText().equals(label);
    }
    if (!present) {
      labels.add(label(label));
    }
    ObjectNode n = pullRequestEvent("labeled", copy, sender);
    n.set("label", label(label));
    return reorder(n);
  }

  /**
   * {@code pull_request} / {@code unlabeled} by {@code sender}; the label is removed from the
   * payload's {@code pull_request.labels}.
   */
  public static ObjectNode unlabeledEvent(ObjectNode pr, String label, Account sender) {
    ObjectNode copy = pr.deepCopy();
    ArrayNode labels = (ArrayNode) copy.get("labels");
    for (int i = labels.size() - 1; i >= 0; i--) {
      if (labels.get(i).path("name").asText().equals(label)) {
        labels.remove(i);
      }
    }
    ObjectNode n = pullRequestEvent("unlabeled", copy, sender);
    n.set("label", label(label));
    return reorder(n);
  }

  private static ObjectNode pullRequestEvent(String action, ObjectNode pr, Account sender) {
    ObjectNode n = MAPPER.createObjectNode().put("action", action)
        .put("number", pr.path("number").asInt());
    n.set("pull_request", pr.deepCopy());
    n.set("repository", repository());
    n.set("sender", sender.json());
    return n;
  }

  /** Key order as GitHub sends labeled payloads: action, number, label, pull_request, … */
  private static ObjectNode reorder(ObjectNode n) {
    ObjectNode o = MAPPER.createObjectNode();
    for (String k : List.of("action", "number", "label", "pull_request", "repository", "sender")) {
      o.set(k, n.get(k));
    }
    return o;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static ObjectNode labelEvent(String event, String prefix, long id, Account actor,
      String label, String createdAt) {
    ObjectNode n = issueEvent(event, prefix, id, actor, createdAt);
    n.set("label", MAPPER.createObjectNode().put("name", label)
        .put("color", label.equals(APPROVAL_LABEL) ? "d73a4a" : "ededed"));
    n.putNull("performed_via_github_app");
    return n;
  }

  private static ObjectNode issueEvent(String event, String prefix, long id, Account actor,
      String createdAt) {
    ObjectNode n = MAPPER.createObjectNode()
        .put("id", id)
        .put("node_id", prefix + "lADOAAAAB84" + id)
        .put("url", "https://api.github.com/repos/" + REPO + "/issues/events/" + id);
    n.set("actor", actor.json());
    n.put("event", event)
        .putNull("commit_id")
        .putNull("commit_url")
        .put("created_at", createdAt);
    return n;
  }

  private static ObjectNode links(String html) {
    ObjectNode l = MAPPER.createObjectNode();
    l.set("html", MAPPER.createObjectNode().put("href", html));
    l.set("pull_request", MAPPER.createObjectNode()
        .put("href", "https://api.github.com/repos/" + REPO + "/pulls/42"));
    return l;
  }

  private static String nodeId(String type, long id) {
    return switch (type) {
      case "Bot" -> base64("03:Bot" + id);
      case "Organization" -> base64("012:Organization" + id);
      default -> base64("04:User" + id);
    };
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
