package dev.plangate.platform;

import dev.plangate.core.gate.Approver.ApprovalException;
import dev.plangate.core.git.Commit;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.policy.CommittedPolicy;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.PolicyException;
import dev.plangate.core.policy.PolicyMerge;
import dev.plangate.core.policy.PolicyOrigin;
import java.util.Arrays;
import java.util.List;

/**
 * A pull or merge request's base and head in the checkout the plans were made from, read the
 * same way by every platform adapter: the checkout must be the change's head, and the policy in
 * force is the base commit's, tightened by the change's own version.
 *
 * @param noun "pull request" or "merge request", for messages
 */
public record ChangeCheckout(GitRepository git, String baseSha, String headSha, String noun) {

  /**
   * This checkout, when it can be judged as the change. The plans were made from it, so it must
   * be the head (or the merge commit the platform builds on top of it); a newer push means a
   * newer run decides.
   *
   * @param fetchHint how to get a missing commit into the checkout
   * @param decider what decides for the newer push: "run", "pipeline"
   * @throws IllegalArgumentException naming why the checkout cannot be judged
   */
  public ChangeCheckout requireHead(String fetchHint, String decider) throws GitException {
    for (String sha : List.of(headSha, baseSha)) {
      if (git.resolve(sha + "^{commit}").isEmpty()) {
        throw new IllegalArgumentException("commit " + Commit.shortSha(sha) + " (the " + noun
            + "'s " + (sha.equals(headSha) ? "head" : "base") + ") is not in this checkout; "
            + fetchHint);
      }
    }
    String head = git.resolve("HEAD").orElse("");
    if (!head.equals(headSha) && !git.resolve("HEAD^2").orElse("").equals(headSha)) {
      throw new IllegalArgumentException("the " + noun + "'s head is now "
          + Commit.shortSha(headSha) + " but this checkout is " + Commit.shortSha(head)
          + ": the plans are of an older commit, and the " + decider
          + " for the newer push decides");
    }
    return this;
  }

  /**
   * The policy in force: the base commit's, tightened by the head's. A change cannot loosen the
   * rules that judge it (an agent could otherwise add a waiver next to its destroy); what it
   * loosens takes effect on merge, what it tightens at once.
   *
   * @param policyPath repository-relative policy file, or null for {@code .plangate.yml}
   * @param labelOverride the approval label, or null for the policy's
   * @param notes receives a sentence when the change edits the policy file
   * @param sayAdded whether a policy file the change adds is called added, not changed
   * @throws IllegalArgumentException naming why the policy cannot be read
   */
  public Policy policy(String policyPath, String labelOverride, List<String> notes,
      boolean sayAdded) throws GitException {
    if (policyPath != null && (policyPath.equals("..") || policyPath.startsWith("../"))) {
      throw new IllegalArgumentException("the policy file " + policyPath + " is outside the"
          + " repository; on a " + noun + " the policy is read from the base commit");
    }
    if (policyPath != null && !git.exists(baseSha, policyPath)
        && !git.exists(headSha, policyPath)) {
      throw new IllegalArgumentException("the policy file " + policyPath + " exists neither at"
          + " the base commit " + Commit.shortSha(baseSha) + " nor at the head");
    }
    Policy policy;
    try {
      Policy base = CommittedPolicy.at(git, baseSha, Commit.shortSha(baseSha) + " (the " + noun
          + "'s base)", policyPath);
      Policy head = CommittedPolicy.at(git, headSha, Commit.shortSha(headSha) + " (the " + noun
          + "'s head)", policyPath);
      // The head's own "no file here" note is about the head, not the policy in force.
      head = head.withOrigin(new PolicyOrigin(head.origin().path(), head.origin().revision(),
          List.of(), List.of()));
      policy = PolicyMerge.tightenOnly(base, head).effective();
      String path = base.origin().path() != null ? base.origin().path() : head.origin().path();
      if (path != null && !Arrays.equals(bytes(baseSha, path), bytes(headSha, path))) {
        notes.add(sayAdded && base.origin().path() == null
            ? "This " + noun + " adds " + path + "; the gate applies the defaults, tightened by"
                + " what it adds, until it is merged."
            : "This " + noun + " changes " + path + "; the gate applies the base commit's"
                + " version, tightened by what the change adds; what it loosens takes effect"
                + " once merged.");
      }
    } catch (PolicyException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return labelOverride == null || labelOverride.isBlank() ? policy
        : policy.withApprovalLabel(labelOverride.strip());
  }

  /**
   * The change's commits in this checkout, to learn who took part; read only when a sign-off is
   * judged (the gate reads the same range for authorship anyway, and most runs never get here).
   */
  public List<Commit> commits() throws ApprovalException {
    try {
      return git.range(baseSha, headSha).commits();
    } catch (GitException e) {
      throw new ApprovalException("cannot read the " + noun + "'s commits: " + e.getMessage());
    }
  }

  private byte[] bytes(String sha, String path) throws GitException {
    return git.exists(sha, path) ? git.showBytes(sha, path) : null;
  }
}
