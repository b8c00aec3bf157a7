package dev.plangate.core.report;

import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.gate.ApprovalRoute;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.gate.Fingerprint;
import dev.plangate.core.gate.GateResult;
import dev.plangate.core.gate.Reason;
import dev.plangate.core.gate.Verdict;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.PolicyOrigin;
import java.util.List;
import java.util.Map;

/**
 * The canonical result of one run. The JSON report is this record written out; every other
 * format is rendered from it.
 *
 * @param decision the gate's answer
 * @param reasons sentences justifying it, each with what it is about
 * @param fingerprint the destructive-change set's fingerprint, which an approval binds to
 * @param approvalLabel the label that approves, from the policy
 * @param authorship who wrote the change
 * @param plans one summary per plan file that could be read
 * @param findings every delete, replace and forget across all plans
 * @param verdicts the gate's verdict per finding, keyed by {@link GateResult#id(Finding)}
 * @param problems one per input that could not be read or option that does not fit, with the
 *     file and place when there is one; {@link #errors()} has them as lines
 * @param policy which policy was in force (file and revision) and what the change tried to
 *     loosen
 * @param warnings things about the run a reader must not miss that decide nothing by themselves:
 *     expired waivers, a base without a policy file, ...
 * @param approvalRoute how a person approves on the surface that made the report: the label
 *     on a pull request, or what works elsewhere
 */
public record Report(
    Decision decision,
    List<Reason> reasons,
    String fingerprint,
    String approvalLabel,
    Authorship authorship,
    List<PlanSummary> plans,
    List<Finding> findings,
    Map<String, Verdict> verdicts,
    List<Problem> problems,
    PolicyOrigin policy,
    List<String> warnings,
    ApprovalRoute approvalRoute) {
  public static final int SCHEMA_VERSION = 1;

  public Report {
    reasons = List.copyOf(reasons);
    plans = List.copyOf(plans);
    findings = List.copyOf(findings);
    verdicts = Map.copyOf(verdicts);
    problems = List.copyOf(problems);
    policy = policy == null ? PolicyOrigin.file(null) : policy;
    warnings = List.copyOf(warnings);
    approvalRoute = approvalRoute == null ? ApprovalRoute.PULL_REQUEST_LABEL : approvalRoute;
  }

  /**
   * A report made on a pull request, where the approval label approves, that says nothing about
   * the policy (tests, reports built without one); each error is known only as its sentence.
   */
  public Report(Decision decision, List<Reason> reasons, String fingerprint, String approvalLabel,
      Authorship authorship, List<PlanSummary> plans, List<Finding> findings,
      Map<String, Verdict> verdicts, List<String> errors) {
    this(decision, reasons, fingerprint, approvalLabel, authorship, plans, findings, verdicts,
        errors.stream().map(e -> Problem.general(Problem.CODE_OTHER, e)).toList(), null,
        List.of(), ApprovalRoute.PULL_REQUEST_LABEL);
  }

  /** One line per problem, {@code file: line:column: reason}: the JSON report's errors. */
  public List<String> errors() {
    return problems.stream().map(Problem::text).toList();
  }

  /** The waiver that lets {@code f} through, in a few words ("until D (line N: why)"), or null. */
  public String waiverOf(Finding f) {
    String id = GateResult.id(f);
    return reasons.stream().filter(r -> id.equals(r.finding()) && r.waiver() != null)
        .map(Reason::waiver).findFirst().orElse(null);
  }

  /** The same report, as phrased for a surface where a person approves by {@code route}. */
  public Report withApprovalRoute(ApprovalRoute route) {
    return new Report(decision, reasons, fingerprint, approvalLabel, authorship, plans,
        findings, verdicts, problems, policy, warnings, route);
  }

  /** A report without authorship or verdicts (no commit range read, no gate run). */
  public Report(Decision decision, List<String> decisionReasons, List<PlanSummary> plans,
      List<Finding> findings, List<String> errors) {
    this(decision, decisionReasons.stream().map(t -> new Reason(Reason.Kind.NOTE, t)).toList(),
        Fingerprint.of(findings), Policy.DEFAULT_LABEL,
        Authorship.unknown("no commit range was read"), plans, findings, Map.of(), errors);
  }

  /** The findings, worst first: what every renderer lists, in this order. */
  public List<Finding> findingsBySeverity() {
    return findings.stream().sorted(Wording.SEVERITY).toList();
  }

  /** The sentences alone, as the JSON report lists them. */
  public List<String> decisionReasons() {
    return reasons.stream().map(Reason::text).toList();
  }

  public List<String> reasons(Reason.Kind kind) {
    return reasons.stream().filter(r -> r.kind() == kind).map(Reason::text).toList();
  }

  public long count(FindingAction action) {
    return findings.stream().filter(f -> f.action() == action).count();
  }

  /** Critical findings that destroy the object. */
  public long criticalDestroys() {
    return findings.stream().filter(f -> f.critical() && f.action().destroys()).count();
  }

  /** The gate's verdict on a finding, or null when the gate did not judge it. */
  public Verdict verdict(Finding f) {
    return verdicts.get(GateResult.id(f));
  }
}
