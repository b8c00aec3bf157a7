package dev.plangate.core.pipeline;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.attribution.AttributionStep;
import dev.plangate.core.attribution.Commits;
import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.authorship.AuthorshipDetector;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.authorship.SignalCatalog;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.gate.ApprovalRequest;
import dev.plangate.core.gate.Approvals;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.gate.Gate;
import dev.plangate.core.gate.GateInput;
import dev.plangate.core.gate.GateResult;
import dev.plangate.core.git.CommitRange;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.ImpactAnalyzer;
import dev.plangate.core.model.Plan;
import dev.plangate.core.plan.PhaseTimer;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.Waiver;
import dev.plangate.core.report.PlanSummary;
import dev.plangate.core.report.Problem;
import dev.plangate.core.report.Report;
import dev.plangate.core.source.Sources;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate as steps: read every plan ({@link Sources}) → graph and impact ({@link ImpactAnalyzer},
 * with the policy's criticality) → authorship of the commit range → attribution per format
 * ({@link AttributionStep}) → gate → approval lookup and a second gate pass → {@link Report}.
 *
 * <p>Input problems never throw: each becomes a line in {@link Report#errors()} and the decision
 * becomes {@code error}, so that a run reports every bad file at once and never passes silently.
 */
public final class Pipeline {
  private final Sources sources;
  private final ImpactAnalyzer impact;

  public Pipeline() {
    this(ResourceCatalog.builtin());
  }

  public Pipeline(ResourceCatalog catalog) {
    this.sources = new Sources(catalog);
    this.impact = new ImpactAnalyzer(catalog);
  }

  /** The sources this pipeline reads with. */
  public Sources sources() {
    return sources;
  }

  /** One plan as read, with its findings. */
  private record ReadPlan(Path file, Plan plan, List<Finding> findings) {}

  /** The whole gate for one request. */
  public Report check(CheckRequest request) {
    Policy policy = request.policy();
    List<Problem> errors = new ArrayList<>();
    List<PlanSummary> summaries = new ArrayList<>();
    List<ReadPlan> read = read(request, summaries, errors);

    long tAuthorship = System.nanoTime();
    AuthorshipDetector detector =
        new AuthorshipDetector(SignalCatalog.builtin().withExtra(policy.signals()));
    Authorship who;
    String headSha = null;
    List<Finding> findings = new ArrayList<>();
    read.forEach(r -> findings.addAll(r.findings()));
    if (request.repository() == null || request.commits().isNone()) {
      who = detector.assess(null, request.branch(), request.environment(),
          request.commits().noneReason(), request.platform());
    } else {
      try {
        GitRepository git = GitRepository.open(request.repository());
        CommitSelection sel = request.commits();
        CommitRange range = sel.isUnpushed() ? git.unpushed(sel.head(), sel.remote())
            : git.range(sel.base(), sel.head());
        headSha = range.headSha();
        String branch = request.branch() != null ? request.branch() : git.currentBranch();
        who = detector.assess(range, branch, request.environment(), null, request.platform());
        Map<String, CommitAuthorship> bySha = new HashMap<>();
        who.commits().forEach(c -> bySha.put(c.sha(), c));
        Commits commits = new Commits(git, range, bySha::get, request.moduleDir());
        List<Finding> attributed = new ArrayList<>();
        for (ReadPlan r : read) {
          attributed.addAll(AttributionStep.forFormat(r.plan().format())
              .attribute(commits, r.plan(), r.file(), r.findings()));
        }
        findings.clear();
        findings.addAll(attributed);
      } catch (GitException | IllegalArgumentException e) {
        // IllegalArgumentException: a module directory outside the repository (--module-dir).
        errors.add(Problem.general(Problem.CODE_GIT, e.getMessage()));
        who = Authorship.unknown("the commits could not be read: " + e.getMessage());
      }
    }
    PhaseTimer.report("authorship and attribution", tAuthorship);

    long tGate = System.nanoTime();
    GateResult result = decide(request, findings, errors, who, Approvals.none());
    PhaseTimer.report("gate", tGate);
    if (result.decision() == Decision.APPROVAL_REQUIRED) {
      try {
        Approvals approvals = request.approver().approvals(
            new ApprovalRequest(result.fingerprint(), policy.approvalLabel(), headSha));
        if (!approvals.found().isEmpty() || !approvals.notes().isEmpty()) {
          // Nothing found decides as the first pass did; a large plan's pass is not free.
          result = decide(request, findings, errors, who, approvals);
        }
      } catch (Approver.ApprovalException e) {
        errors.add(Problem.general(Problem.CODE_APPROVALS,
            "approvals could not be checked: " + e.getMessage()));
        result = decide(request, findings, errors, who, Approvals.none());
      }
    }
    return new Report(result.decision(), result.because(), result.fingerprint(),
        policy.approvalLabel(), who, summaries, findings, result.verdicts(), errors,
        policy.origin(), policyWarnings(policy, request.today()), request.approver().route());
  }

  /** Reads every plan in order and finds its destroys; a plan that cannot be read is an error. */
  private List<ReadPlan> read(CheckRequest request, List<PlanSummary> summaries,
      List<Problem> errors) {
    CommitSelection sel = request.commits();
    Sources.Plans plans = sources.plan(request.plans(), request.extras(), request.repository(),
        sel.base(), request.vocabulary());
    errors.addAll(plans.problems());
    if (plans.plans().isEmpty() && errors.isEmpty()) {
      errors.add(Problem.general(Problem.CODE_USAGE, "no plan files given"));
    }
    List<ReadPlan> read = new ArrayList<>();
    for (Sources.Prepared p : plans.plans()) {
      try {
        long t0 = System.nanoTime();
        Plan plan = p.read();
        PhaseTimer.report("read " + plan.changes().size() + " instances, "
            + plan.dependencies().size() + " edges:", t0);
        long t1 = System.nanoTime();
        summaries.add(PlanSummary.of(plan));
        read.add(new ReadPlan(p.input().file(), plan, impact.analyze(plan, request.policy())));
        PhaseTimer.report("analysis", t1);
        if (plan.errored()) {
          errors.add(Problem.in(p.name(), Problem.CODE_PLAN_ERRORED, "the tool reports that"
              + " planning failed (errored: true); fix the plan errors and plan again"));
        }
      } catch (PlanReadException e) {
        errors.add(Problem.of(e));
      }
    }
    return read;
  }

  private static GateResult decide(CheckRequest request, List<Finding> findings,
      List<Problem> errors, Authorship who, Approvals approvals) {
    return Gate.decide(new GateInput(findings, Problem.texts(errors), who, request.policy(), approvals,
        request.today(), request.approver().route()));
  }

  /**
   * What the report says about the policy whether or not a finding is touched: every expired
   * waiver (a waiver that silently stopped working surprises whoever relies on it), and the
   * notes on where the policy came from.
   */
  public static List<String> policyWarnings(Policy policy, LocalDate today) {
    List<String> out = new ArrayList<>();
    for (Waiver w : policy.waivers()) {
      if (w.expiredOn(today)) {
        // Worded as the gate words it for a finding the waiver would have covered, so a
        // renderer shows it once.
        out.add("The waiver for " + w.address().pattern() + " (line " + w.line()
            + ") expired on " + w.expires() + " and no longer applies.");
      }
    }
    out.addAll(policy.origin().notes());
    return out;
  }
}
