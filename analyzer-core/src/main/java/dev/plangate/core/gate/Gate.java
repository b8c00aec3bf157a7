package dev.plangate.core.gate;

import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.impact.Phrases;
import dev.plangate.core.policy.HumanOnly;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.ProtectRule;
import dev.plangate.core.policy.Waiver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Findings × authorship × policy × approvals → pass, approval required or blocked.
 *
 * <p>Order of precedence: an input error decides {@code error}; a protect rule blocks whatever
 * else holds; a current waiver exempts; then AI involvement (unknown counts as AI unless the
 * policy says otherwise) makes every finding whose action the policy gates need an approval
 * bound to this fingerprint. AI involvement is judged for the whole range, not per finding: an
 * AI commit anywhere in the change may have caused a destroy through a file nobody attributes.
 */
public final class Gate {
  /** Per-finding sentences in the reasons; the full list is in the findings themselves. */
  static final int NAMED_FINDINGS = 20;

  private Gate() {}

  public static GateResult decide(GateInput in) {
    String fingerprint = Fingerprint.of(in.findings());
    List<Reason> reasons = new ArrayList<>();
    Map<String, Verdict> verdicts = new HashMap<>();
    if (!in.errors().isEmpty()) {
      for (String e : in.errors()) {
        reasons.add(new Reason(Reason.Kind.ERROR, "Input error: " + e));
      }
      return new GateResult(Decision.ERROR, reasons, fingerprint, verdicts);
    }
    Policy policy = in.policy();
    Authorship who = in.authorship();
    boolean countsAsAi = Boolean.TRUE.equals(who.aiInvolved())
        || (who.aiInvolved() == null && policy.unknownAuthorshipIsAi());
    boolean needsApproval = countsAsAi || policy.humanOnly() == HumanOnly.REQUIRE_APPROVAL;
    Map<String, Approval> current = new LinkedHashMap<>();
    List<Approval> voided = new ArrayList<>();
    for (Approval a : in.approvals().found()) {
      if (fingerprint.equals(a.fingerprint())) {
        current.putIfAbsent(a.approver().toLowerCase(Locale.ROOT), a);
      } else {
        voided.add(a);
      }
    }

    List<String> blocked = new ArrayList<>();
    List<Finding> pending = new ArrayList<>();
    List<Reason> waived = new ArrayList<>();
    Set<String> expired = new LinkedHashSet<>();
    List<Finding> humanAllowed = new ArrayList<>();
    for (Finding f : in.findings()) {
      ProtectRule rule = protecting(policy, f);
      if (rule != null) {
        verdicts.put(GateResult.id(f), Verdict.BLOCKED);
        blocked.add(what(f) + ", but " + source(policy) + " protects it (line " + rule.line()
            + (rule.reason() == null ? "" : ": " + rule.reason()) + ")" + cause(f)
            + "; no approval can allow this.");
        continue;
      }
      if (!policy.approvalActions().contains(f.action())) {
        verdicts.put(GateResult.id(f), Verdict.ALLOWED);
        continue;
      }
      Waiver waiver = waiving(policy, f, in, expired);
      if (waiver != null) {
        verdicts.put(GateResult.id(f), Verdict.WAIVED);
        String note = "until " + waiver.expires() + " (line " + waiver.line() + ": "
            + waiver.reason() + ")";
        waived.add(new Reason(Reason.Kind.FINDING, what(f) + "; waived " + note + ".",
            GateResult.id(f), note));
        continue;
      }
      if (!needsApproval) {
        verdicts.put(GateResult.id(f), Verdict.ALLOWED);
        humanAllowed.add(f);
        continue;
      }
      pending.add(f);
    }
    boolean critical = pending.stream().anyMatch(Finding::critical);
    int required = policy.approversFor(critical);
    boolean approved = !pending.isEmpty() && current.size() >= required;
    for (Finding f : pending) {
      verdicts.put(GateResult.id(f), approved ? Verdict.APPROVED : Verdict.APPROVAL_REQUIRED);
    }

    Decision decision;
    if (!blocked.isEmpty()) {
      decision = Decision.BLOCKED;
      named(reasons, Reason.Kind.PROTECTED, blocked, "protected resources");
    } else if (!pending.isEmpty() && !approved) {
      decision = Decision.APPROVAL_REQUIRED;
    } else {
      decision = Decision.PASS;
    }
    if (!pending.isEmpty()) {
      reasons.add(new Reason(Reason.Kind.AUTHORSHIP,
          whyApproval(who, policy, countsAsAi, pending.size())));
      named(reasons, Reason.Kind.FINDING, sentences(pending), "findings that need approval");
      reasons.add(new Reason(Reason.Kind.APPROVAL,
          approvalSentence(policy, fingerprint, current.values(), required, critical,
              in.route())));
      for (Approval a : voided) {
        reasons.add(new Reason(Reason.Kind.NOTE, "The approval by " + a.approver() + " ("
            + a.via() + ") was for fingerprint " + a.fingerprint() + "; a later push changed"
            + " what is destroyed (now fingerprint " + fingerprint + "), so it no longer"
            + " counts."));
      }
      in.approvals().notes().forEach(n -> reasons.add(new Reason(Reason.Kind.NOTE, n)));
    }
    if (!humanAllowed.isEmpty() && policy.humanOnly() == HumanOnly.WARN) {
      reasons.add(new Reason(Reason.Kind.NOTE, "No AI agent was involved: a human-authored"
          + " change " + counts(humanAllowed) + ", which the policy lets pass (humanOnly: warn);"
          + " review it before applying."));
      named(reasons, Reason.Kind.FINDING, sentences(humanAllowed), "human-authored findings");
    }
    // Every waived finding keeps its sentence (with the waiver), so each rendering can show
    // the waiver beside the finding; the cap applies to the other lists.
    reasons.addAll(waived);
    expired.forEach(e -> reasons.add(new Reason(Reason.Kind.NOTE, e)));
    if (reasons.isEmpty()) {
      long forgets = in.findings().stream().filter(f -> f.action() == FindingAction.FORGET)
          .count();
      reasons.add(new Reason(Reason.Kind.NOTE, in.findings().isEmpty()
          ? "Nothing is destroyed or replaced."
          : in.findings().size() == forgets
              ? "Nothing is destroyed or replaced; " + forgets + " resource"
                  + (forgets == 1 ? " is" : "s are") + " only removed from state."
              : "No finding needs an approval under the policy."));
    }
    return new GateResult(decision, reasons, fingerprint, verdicts);
  }

  private static String approvalSentence(Policy policy, String fingerprint,
      Collection<Approval> given, int required, boolean critical, ApprovalRoute route) {
    String who = given.stream().map(a -> a.approver() + " (" + a.via() + ")")
        .collect(Collectors.joining(", "));
    if (given.size() >= required) {
      return "Approved by " + who + " for fingerprint " + fingerprint + ".";
    }
    if (!route.byLabel()) {
      return elsewhere(policy, fingerprint, route);
    }
    boolean gitlab = route == ApprovalRoute.MERGE_REQUEST_LABEL;
    String access = gitlab ? "Developer access or above" : "write access";
    if (required == 1) {
      return (gitlab ? "Someone" : "A maintainer") + " with " + access
          + " approves by adding the label " + policy.approvalLabel() + " (fingerprint "
          + fingerprint + "); a change to what is destroyed makes a new fingerprint and voids it.";
    }
    String rule = required + " different people with " + access + " must approve"
        + (critical && policy.criticalApprovers() > policy.approvers()
            ? " because a critical resource is affected" : "")
        + ": the one who adds the label " + policy.approvalLabel() + ", and "
        + (required == 2 ? "another who approves" : "others who approve")
        + (gitlab ? " the merge request after its latest push"
            : " the pull request's latest commit in a review")
        + " (fingerprint " + fingerprint + ")";
    return given.isEmpty() ? rule + "." : rule + "; so far " + given.size() + " of "
        + required + ": " + who + ".";
  }

  /**
   * How a person approves where no pull request is: the label would approve nothing here, so
   * the sentence says what does.
   */
  private static String elsewhere(Policy policy, String fingerprint, ApprovalRoute route) {
    return switch (route) {
      case NO_PULL_REQUEST -> "Nothing can approve this run: plangate reads approvals from a"
          + " GitHub pull request (the label " + policy.approvalLabel() + "), and this run has"
          + " none (fingerprint " + fingerprint + ").";
      case PRE_PUSH -> "A push cannot be approved in the pre-push hook: a person reviews the"
          + " destroy and pushes it from their own shell (fingerprint " + fingerprint + ").";
      case APPLY_WRAPPER -> "A person approves by typing the number of resources destroyed or"
          + " replaced when plangate asks on the terminal, or from a script they control with"
          + " plangate apply --approve " + fingerprint + ".";
      case AGENT_PROMPT -> "A person approves in the agent's permission prompt (fingerprint "
          + fingerprint + ").";
      case MAVEN_BUILD -> "A build outside a pull request or merge request cannot be approved:"
          + " run it in the pull request's GitHub workflow or the merge request's GitLab"
          + " pipeline, where the label " + policy.approvalLabel() + " approves, or add a waiver"
          + " to the base branch's policy in a commit a person reviews (fingerprint "
          + fingerprint + ").";
      case PULL_REQUEST_LABEL, MERGE_REQUEST_LABEL ->
          throw new IllegalArgumentException("phrased by the caller");
    };
  }

  private static ProtectRule protecting(Policy policy, Finding f) {
    return policy.protect().stream().filter(r -> r.actions().contains(f.action())
        && (r.type() == null || r.type().matches(f.type()))
        && (r.address() == null || r.address().matches(f.address()))).findFirst().orElse(null);
  }

  private static Waiver waiving(Policy policy, Finding f, GateInput in, Set<String> expired) {
    for (Waiver w : policy.waivers()) {
      if (!w.actions().contains(f.action()) || !w.address().matches(f.address())) {
        continue;
      }
      if (w.expiredOn(in.today())) {
        expired.add("The waiver for " + w.address().pattern() + " (line " + w.line()
            + ") expired on " + w.expires() + " and no longer applies.");
        continue;
      }
      return w;
    }
    return null;
  }

  private static String whyApproval(Authorship who, Policy policy, boolean countsAsAi,
      int count) {
    String need = Phrases.plural(count, "finding needs", "findings need") + " a human approval";
    if (!countsAsAi) {
      return "No AI agent was involved, but the policy (humanOnly: require-approval) asks for"
          + " approval of every destroy: " + need + ".";
    }
    if (who.aiInvolved() == null) {
      String why = who.notes().isEmpty() ? "no commit was read" : String.join(" ", who.notes());
      return "Authorship is unknown (" + why
          + "), and the policy counts unknown authorship as AI: " + need + ".";
    }
    List<CommitAuthorship> ai = who.aiCommits();
    if (!ai.isEmpty()) {
      CommitAuthorship c = ai.get(ai.size() - 1);
      String more = ai.size() > 1 ? " and " + Phrases.plural(ai.size() - 1,
          "more AI-authored commit", "more AI-authored commits") : "";
      return "AI-authored: commit " + c.shortSha() + " \"" + c.subject() + "\" ("
          + c.agent() + ": " + evidence(c.signals()) + ")" + more + "; " + need + ".";
    }
    return who.signals().stream().filter(x -> x.confidence().decides()).findFirst()
        .map(s -> "AI-authored: " + s.agent() + " (" + s.kind() + " " + s.evidence() + "); "
            + need + ".")
        .orElse("AI involvement was reported without a signal; " + need + ".");
  }

  private static String evidence(List<Signal> signals) {
    return signals.isEmpty() ? "no detail" : signals.get(0).evidence();
  }

  /** "module.x.aws_db_instance.main would be destroyed". */
  static String what(Finding f) {
    String verb = switch (f.action()) {
      case DELETE -> "destroyed";
      case REPLACE -> "replaced";
      case FORGET -> "removed from state";
    };
    return f.key() + " would be " + verb
        + (f.critical() && f.category() != null ? " (critical: " + f.category() + ")" : "");
  }

  /** "; caused by commit a1b2c3d (Claude Code), which removed module "env" in main.tf:3". */
  static String cause(Finding f) {
    if (f.attribution().isEmpty()) {
      return "";
    }
    Attribution a = f.attribution().get(0);
    return "; caused by commit " + a.shortSha() + " (" + a.by() + "), which " + a.change()
        + " in " + a.where();
  }

  /** Each finding with its cause: "x would be destroyed; caused by commit ...". */
  private static List<String> sentences(List<Finding> findings) {
    return findings.stream().map(f -> what(f) + cause(f) + ".").toList();
  }

  private static void named(List<Reason> reasons, Reason.Kind kind, List<String> lines,
      String what) {
    for (int i = 0; i < Math.min(NAMED_FINDINGS, lines.size()); i++) {
      reasons.add(new Reason(kind, lines.get(i)));
    }
    if (lines.size() > NAMED_FINDINGS) {
      reasons.add(new Reason(kind, "... and " + (lines.size() - NAMED_FINDINGS) + " more "
          + what + " (listed in the findings)."));
    }
  }

  private static String source(Policy policy) {
    return policy.source() == null ? "the policy" : policy.source();
  }

  static String counts(List<Finding> findings) {
    return Phrases.counts(
        findings.stream().filter(f -> f.action() == FindingAction.DELETE).count(),
        findings.stream().filter(f -> f.action() == FindingAction.REPLACE).count());
  }
}
