package dev.plangate.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.git.Commit;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import java.util.Optional;

/**
 * The commits a {@code push} or {@code merge_group} event is about, read from its payload (a
 * pull request's come from the API instead, see {@link PullRequestContext}).
 *
 * <p>Every case that cannot name a range yields a selection of no commits with a sentence that
 * says why: authorship is then unknown, never human. A range that holds no commit ({@code
 * before} equal to {@code after}) is read as such and reported the same way by the analyser.
 *
 * @param commits the commits to read
 * @param branch the pushed branch ({@code refs/heads/} removed), or null: an agent's branch
 *     prefix is a signal
 * @param how one line for the log: where the range came from
 */
public record EventRange(CommitSelection commits, String branch, String how) {

  /**
   * The range of a push or merge-group event; empty for any other event (schedule,
   * workflow_dispatch: the command line's range applies). Outside a git checkout
   * ({@code git} null) no commit is read.
   *
   * <ul>
   *   <li>push: {@code before..after}. A branch created ({@code before} all zeros), or a force
   *       push whose old head this full clone no longer has, is read from the merge base with
   *       the repository's default branch ({@code origin/<default_branch>}); without it in the
   *       clone, no commit is read. A deleted branch has no commit to read.
   *   <li>merge_group: {@code merge_group.base_sha..merge_group.head_sha}.
   * </ul>
   */
  public static Optional<EventRange> of(String eventName, JsonNode event, GitRepository git)
      throws GitException {
    if ("merge_group".equals(eventName) || (eventName == null && event.has("merge_group"))) {
      EventRange range = mergeGroup(event.path("merge_group"));
      return Optional.of(git == null ? notInGit(range.branch()) : range);
    }
    if ("push".equals(eventName) || (eventName == null && event.has("after"))) {
      return Optional.of(git == null ? notInGit(branch(event.path("ref").asText("")))
          : push(event, git));
    }
    return Optional.empty();
  }

  private static EventRange notInGit(String branch) {
    return new EventRange(CommitSelection.none("not in a git checkout, so no commit was read:"
        + " run actions/checkout (fetch-depth: 0) before plangate."), branch,
        "no commits: not in a git checkout");
  }

  private static EventRange mergeGroup(JsonNode group) {
    String base = sha(group.path("base_sha"));
    String head = sha(group.path("head_sha"));
    String branch = branch(group.path("head_ref").asText(""));
    if (base == null || head == null) {
      return new EventRange(CommitSelection.none("the merge_group event names no base_sha and"
          + " head_sha, so no commit was read."), branch, "no commits: the merge group names"
          + " no base and head");
    }
    return new EventRange(CommitSelection.between(base, head), branch,
        "commits of the merge queue entry: " + Commit.shortSha(base) + ".."
            + Commit.shortSha(head) + " (merge_group base_sha..head_sha)");
  }

  private static EventRange push(JsonNode event, GitRepository git) throws GitException {
    String ref = event.path("ref").asText("");
    String branch = branch(ref);
    String after = sha(event.path("after"));
    String before = sha(event.path("before"));
    String shown = ref.isEmpty() ? "the branch" : ref;
    if (after == null) {
      return new EventRange(CommitSelection.none("the push event names no head commit"
          + " (after), so no commit was read."), branch, "no commits: the push names no head");
    }
    if (zeros(after)) {
      return new EventRange(CommitSelection.none("the push deletes " + shown + ", so it has no"
          + " commit to read."), branch, "no commits: the push deletes " + shown);
    }
    boolean created = before == null || zeros(before);
    boolean gone = !created && git.resolve(before).isEmpty() && !git.isShallow();
    if (!created && !gone) {
      return new EventRange(CommitSelection.between(before, after), branch,
          "commits of the push: " + Commit.shortSha(before) + ".." + Commit.shortSha(after)
              + " (before..after)");
    }
    String why = created ? "the push creates " + shown + " (before is all zeros)"
        : "the push replaced " + shown + " (a force push) and its old head "
            + Commit.shortSha(before) + " is not in the clone";
    String defaultBranch = event.path("repository").path("default_branch").asText("").strip();
    String tracking = defaultBranch.isEmpty() ? null : "origin/" + defaultBranch;
    Optional<String> mergeBase = tracking == null || git.resolve(tracking).isEmpty()
        ? Optional.empty() : git.mergeBase(after, tracking);
    if (mergeBase.isEmpty()) {
      return new EventRange(CommitSelection.none(why + ", and "
          + (tracking == null ? "the event names no default branch"
              : tracking + " (the default branch) is not in the clone or shares no commit"
                  + " with it")
          + ", so no commit was read: check out with full history (actions/checkout"
          + " fetch-depth: 0)."), branch, "no commits: " + why);
    }
    return new EventRange(CommitSelection.between(mergeBase.get(), after), branch,
        "commits of the push from the merge base with " + tracking + " (the default branch),"
            + " because " + why);
  }

  /** A full commit name from the payload, or null when the field is missing or malformed. */
  private static String sha(JsonNode node) {
    String s = node.isTextual() ? node.asText().strip() : "";
    return s.matches("[0-9a-f]{40}|[0-9a-f]{64}") ? s : null;
  }

  private static boolean zeros(String sha) {
    return sha.chars().allMatch(c -> c == '0');
  }

  private static String branch(String ref) {
    if (ref.startsWith("refs/heads/")) {
      String name = ref.substring("refs/heads/".length());
      return name.isBlank() ? null : name;
    }
    return null;
  }
}
