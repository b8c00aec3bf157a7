package dev.plangate.core.report;

import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.gate.Verdict;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.impact.Phrases;
import dev.plangate.core.model.ReplaceOrder;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Short phrases shared by the human-readable renderers. */
final class Wording {
  private Wording() {}

  /** Worst first: destroys of critical data that cannot come back, then by blast radius. */
  static final Comparator<Finding> SEVERITY = Comparator
      .comparing((Finding f) -> !f.action().destroys())
      .thenComparing(f -> !Boolean.FALSE.equals(f.recoverable()))
      .thenComparing(f -> !f.critical())
      .thenComparing(f -> -f.downstream().total())
      .thenComparing(Finding::key);

  /** Distinct suggested moved blocks, worst finding first. */
  static java.util.Set<String> suggestions(List<Finding> sorted) {
    return sorted.stream().map(Finding::suggestion).filter(java.util.Objects::nonNull)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  /** How many findings a moved block would turn into moves. */
  static long coveredBySuggestions(List<Finding> findings) {
    return findings.stream().filter(f -> f.suggestion() != null).count();
  }

  static String verb(Finding f) {
    return switch (f.action()) {
      case DELETE -> "destroy";
      case REPLACE -> f.conditional() ? "may replace" : "replace";
      case FORGET -> "forget";
    };
  }

  /** A few words on why, for tables; the full sentence is the finding's explanation. */
  static String shortReason(Finding f) {
    String order = orderNote(f);
    if (f.reason() == null && f.why() != null) {
      // The first clause: the whole sentence is the explanation.
      String first = f.why().split("; ", 2)[0];
      if (first.length() <= 90) {
        return first + order;
      }
      int cut = first.lastIndexOf(' ', 89);
      return first.substring(0, cut > 40 ? cut : 89) + " …" + order;
    }
    if (f.reason() != null && CHANGE_SET_REASON.matcher(f.reason()).lookingAt()) {
      return changeSetReason(f) + order;
    }
    if (f.deposed() != null && f.action() == FindingAction.DELETE) {
      return "deposed object";
    }
    String r = f.reason();
    if (f.action() == FindingAction.REPLACE) {
      if (!f.replacedBecause().isEmpty()
          && (r == null || r.equals("replace_because_cannot_update"))) {
        return "changing " + String.join(", ", f.replacedBecause()) + " forces replacement"
            + order;
      }
      if (r == null) {
        return "no reason given" + order;
      }
      return switch (r) {
        case "replace_because_tainted" -> "tainted" + order;
        case "replace_by_request" -> "-replace requested" + order;
        case "replace_by_triggers" -> "replace_triggered_by" + order;
        case "replace_because_cannot_update" -> "cannot update in place" + order;
        default -> r + order;
      };
    }
    if (f.action() == FindingAction.FORGET) {
      return "removed from state, keeps running";
    }
    if (r == null) {
      return f.rawActions().size() == 1 && f.rawActions().get(0).equals("delete")
          ? "no reason given" : "unknown action " + String.join("+", f.rawActions());
    }
    return switch (r) {
      case "delete_because_no_resource_config" -> "block removed from configuration";
      case "delete_because_wrong_repetition" -> "count/for_each switched";
      case "delete_because_count_index" -> "count reduced";
      case "delete_because_each_key" -> "key removed from for_each";
      case "delete_because_no_module" -> "module instance removed";
      case "delete_because_no_move_target" -> "moved target missing";
      case "delete_because_enabled_false" -> "enabled = false";
      default -> r;
    };
  }

  /**
   * The order of a replacement's two halves, worded the same for every format: which one comes
   * first decides whether there is an outage (destroy first) or a moment with two copies.
   */
  static String orderNote(Finding f) {
    if (f.action() != FindingAction.REPLACE || f.replaceOrder() == null) {
      return "";
    }
    if (keepsOld(f)) {
      return " (old one kept, unmanaged)";
    }
    return f.replaceOrder() == ReplaceOrder.CREATE_BEFORE_DELETE ? " (create before destroy)"
        : " (destroy before create)";
  }

  /** A replacement that leaves the old object running, unmanaged, instead of destroying it. */
  static boolean keepsOld(Finding f) {
    return f.action() == FindingAction.REPLACE
        && (f.replaceOrder() == ReplaceOrder.CREATE_BEFORE_FORGET
            || f.replaceOrder() == ReplaceOrder.FORGET_BEFORE_CREATE);
  }

  /** The reason codes the CloudFormation change-set reader writes: {@code Action[/...]}. */
  private static final java.util.regex.Pattern CHANGE_SET_REASON =
      java.util.regex.Pattern.compile("(Add|Modify|Remove|Dynamic|Import|SyncWithActual)(/|$)");

  /** "removed from the template", "requires replacement: TableName", ... */
  static String changeSetReason(Finding f) {
    String r = f.reason();
    StringBuilder sb = new StringBuilder();
    if (r.startsWith("Remove")) {
      sb.append("removed from the template");
    } else if (r.startsWith("Dynamic")) {
      sb.append("depends on values known only at deploy time");
    } else if (r.contains("Replacement=Conditional") || f.conditional()) {
      sb.append("may require replacement");
    } else {
      sb.append("requires replacement");
    }
    if (f.action() == FindingAction.REPLACE && !f.replacedBecause().isEmpty()) {
      sb.append(": ").append(String.join(", ", f.replacedBecause()));
    }
    int policy = r.indexOf("PolicyAction=");
    if (policy >= 0) {
      sb.append(" (").append(r.substring(policy + "PolicyAction=".length())).append(')');
    }
    return sb.toString();
  }

  /** The one-line headline: decision first, then who and the worst numbers. */
  static String headline(Report r) {
    long d = r.count(FindingAction.DELETE);
    long rep = r.count(FindingAction.REPLACE);
    long crit = r.criticalDestroys();
    String critical = crit > 0 ? " (" + crit + " critical)" : "";
    return switch (r.decision()) {
      case PASS -> {
        if (d + rep == 0) {
          yield r.findings().isEmpty() ? "pass — nothing is destroyed or replaced"
              : "pass — nothing is destroyed or replaced; "
                  + Phrases.plural(r.count(FindingAction.FORGET), "resource is", "resources are")
                  + " only removed from state";
        }
        if (r.findings().stream().anyMatch(f -> r.verdict(f) == Verdict.APPROVED)) {
          yield "pass — approved: the change " + Phrases.counts(d, rep) + critical;
        }
        if (Boolean.FALSE.equals(r.authorship().aiInvolved())) {
          yield "pass — a human-authored change " + Phrases.counts(d, rep) + critical
              + "; review it before applying";
        }
        yield "pass — the change " + Phrases.counts(d, rep) + critical
            + ", all waived or allowed by the policy";
      }
      case ERROR -> "error — " + Phrases.plural(r.errors().size(), "input", "inputs")
          + " could not be read; nothing was decided";
      case APPROVAL_REQUIRED -> "approval required — " + who(r) + " " + Phrases.counts(d, rep)
          + critical;
      case BLOCKED -> {
        List<Finding> blocked = r.findings().stream()
            .filter(f -> r.verdict(f) == Verdict.BLOCKED).toList();
        yield "blocked — the change " + (blocked.get(0).action() == FindingAction.REPLACE
            && blocked.size() == 1 ? "replaces" : "destroys")
            + (blocked.size() == 1 ? " protected resource " + blocked.get(0).key()
                : " " + blocked.size() + " protected resources");
      }
    };
  }

  /** "an AI-authored change", "a change of unknown authorship", "a human-authored change". */
  static String who(Report r) {
    Boolean ai = r.authorship().aiInvolved();
    return ai == null ? "a change of unknown authorship"
        : ai ? "an AI-authored change" : "a human-authored change";
  }

  /** How a commit caused a finding: "a1b2c3d (Claude Code) removed module "env" in main.tf:3". */
  static String cause(Attribution a) {
    return a.shortSha() + " (" + a.by() + ") " + a.change() + " in " + a.where();
  }

  /** A commit with the evidence that made it AI: "a1b2c3d "Subject" — Co-Authored-By: ...". */
  static String whyAi(CommitAuthorship c) {
    String evidence = c.signals().isEmpty() ? "" : " — " + c.signals().get(0).evidence();
    return c.shortSha() + " \"" + c.subject() + "\" (" + c.agent() + ")" + evidence;
  }

  /**
   * One line about the policy: a fixed {@code label} ("Policy in force: ") and the raw, input-
   * derived {@code text} a renderer escapes.
   *
   * @param warning shown with a warning sign
   */
  record PolicyLine(String label, String text, boolean warning) {}

  /**
   * What the report says about the policy: which one was in force when a policy file was read
   * at a revision, each loosening the change tried, and each warning (expired waivers, ...).
   */
  static List<PolicyLine> policyLines(Report r) {
    List<PolicyLine> out = new java.util.ArrayList<>();
    if (r.policy().path() != null && r.policy().revision() != null
        || !r.policy().loosened().isEmpty()) {
      out.add(new PolicyLine("Policy in force: ", r.policy().describe() + ".", false));
    }
    for (String l : r.policy().loosened()) {
      out.add(new PolicyLine("The change tried to loosen the policy (ignored): ", l, true));
    }
    // The gate already gave an expired waiver that would have covered a finding as a reason.
    List<String> said = r.decisionReasons();
    r.warnings().stream().filter(w -> !said.contains(w))
        .forEach(w -> out.add(new PolicyLine("", w, true)));
    return out;
  }

  /**
   * How to approve where no approval label counts, as the end of "To approve anyway: ...":
   * what a person can actually do on the surface that made the report. {@code label} renders
   * the policy's label (input: escaped by the caller), {@code code} a literal token (a
   * fingerprint, a command). Null on a pull request: each renderer phrases the label.
   */
  static String approveElsewhere(Report r, java.util.function.UnaryOperator<String> label,
      java.util.function.UnaryOperator<String> code) {
    String fp = code.apply(r.fingerprint());
    return switch (r.approvalRoute()) {
      case PULL_REQUEST_LABEL, MERGE_REQUEST_LABEL -> null;
      case NO_PULL_REQUEST -> "nothing approves a check outside a pull request. On a GitHub pull"
          + " request or GitLab merge request checked by plangate, a maintainer with write"
          + " (GitLab: Developer) access adds the label "
          + label.apply(r.approvalLabel()) + " (fingerprint " + fp + "); to apply this plan"
          + " yourself, run " + code.apply("plangate apply --approve " + r.fingerprint()
          + " -- <your apply command>") + ".";
      case PRE_PUSH -> "a push cannot be approved in the pre-push hook. If the destroy is"
          + " intended, a person (not an agent) pushes it from their own shell with "
          + code.apply("git push --no-verify") + " (fingerprint " + fp + ").";
      case APPLY_WRAPPER -> "type the number of resources it destroys or replaces when plangate"
          + " asks on the terminal, or, from a script you control, run "
          + code.apply("plangate apply --approve " + r.fingerprint() + " -- <the same command>")
          + ".";
      case AGENT_PROMPT -> "the person answers the agent's permission prompt (fingerprint "
          + fp + ").";
      case MAVEN_BUILD -> "a build outside a pull request or merge request cannot be approved."
          + " Run it in the pull request's GitHub workflow or the merge request's GitLab"
          + " pipeline, where a maintainer with write (GitLab: Developer) access adds the label "
          + label.apply(r.approvalLabel()) + " (fingerprint " + fp + "), or add a waiver to the"
          + " base branch's " + code.apply(".plangate.yml") + " in a commit a person reviews.";
    };
  }
}
