package dev.plangate.core.api;

import dev.plangate.core.attribution.Attributor;
import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.authorship.AuthorshipDetector;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.authorship.SignalCatalog;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.cloudformation.ChangeSetGraph;
import dev.plangate.core.cloudformation.ChangeSetReader;
import dev.plangate.core.cloudformation.TemplateDiff;
import dev.plangate.core.cloudformation.TemplateGraph;
import dev.plangate.core.cloudformation.TemplateReader;
import dev.plangate.core.gate.Approvals;
import dev.plangate.core.gate.ApprovalRequest;
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
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.PhaseTimer;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.policy.CriticalityOverride;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.Waiver;
import dev.plangate.core.pulumi.PulumiPreviewReader;
import dev.plangate.core.report.PlanSummary;
import dev.plangate.core.report.Problem;
import dev.plangate.core.report.Report;
import dev.plangate.core.terraform.BinaryPlanConverter;
import dev.plangate.core.terraform.TerraformPlanReader;
import java.io.IOException;
import dev.plangate.core.io.InputFile;
import dev.plangate.core.io.InputFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point for every front end: plan files in, one {@link Report} out. Input problems do
 * not throw; each becomes a line in {@link Report#errors()} and the decision becomes
 * {@code error}, so that a run reports every bad file at once and never passes silently.
 */
public final class PlanAnalyzer {
  private final TerraformPlanReader terraform;
  private final ChangeSetReader changeSets;
  private final PulumiPreviewReader pulumi;
  private final ImpactAnalyzer impact;

  public PlanAnalyzer() {
    this(ResourceCatalog.builtin());
  }

  PlanAnalyzer(ResourceCatalog catalog) {
    this.terraform = new TerraformPlanReader(catalog);
    this.changeSets = new ChangeSetReader(catalog);
    this.pulumi = new PulumiPreviewReader(catalog);
    this.impact = new ImpactAnalyzer(catalog);
  }

  /** Analyses every plan with the default policy and no commit range. */
  public Report analyze(List<Path> plans) {
    return check(CheckRequest.plansOnly(plans));
  }

  /**
   * The whole gate: plans → findings → authorship and attribution → fingerprint → approvals →
   * decision. Every problem (an unreadable plan, an unknown revision, an unreachable approver)
   * becomes an entry in {@link Report#errors()} and the decision {@code error}.
   */
  public Report check(CheckRequest request) {
    Policy policy = request.policy();
    List<PlanSummary> summaries = new ArrayList<>();
    List<ReadPlan> read = new ArrayList<>();
    List<Problem> errors = new ArrayList<>();
    List<PlanInput> inputs = group(request.plans(), request.extras(), errors);
    inputs.addAll(templateInputs(request, inputs, errors));
    if (inputs.isEmpty() && errors.isEmpty()) {
      errors.add(Problem.general(Problem.CODE_USAGE, "no plan files given"));
    }
    for (PlanInput input : inputs) {
      try {
        long t0 = System.nanoTime();
        Plan plan = input.read(this);
        PhaseTimer.report("read " + plan.changes().size() + " instances, "
            + plan.dependencies().size() + " edges:", t0);
        long t1 = System.nanoTime();
        summaries.add(summarise(plan));
        read.add(new ReadPlan(input.files().get(0), plan,
            applyCriticality(impact.analyze(plan), policy)));
        PhaseTimer.report("analysis", t1);
        if (plan.errored()) {
          errors.add(Problem.in(input.name(), Problem.CODE_PLAN_ERRORED, "the tool reports that"
              + " planning failed (errored: true); fix the plan errors and plan again"));
        }
      } catch (PlanReadException e) {
        errors.add(Problem.of(e));
      }
    }

    long tAuthorship = System.nanoTime();
    AuthorshipDetector detector =
        new AuthorshipDetector(SignalCatalog.builtin().withExtra(policy.signals()));
    Authorship who;
    String headSha = null;
    List<Finding> findings = new ArrayList<>();
    if (request.repository() == null || request.commits().isNone()) {
      who = detector.assess(null, request.branch(), request.environment(),
          request.commits().noneReason(), request.platform());
      read.forEach(r -> findings.addAll(r.findings()));
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
        Attributor attributor = new Attributor(git);
        for (ReadPlan r : read) {
          if (r.plan().format() != PlanFormat.TERRAFORM) {
            // Attribution follows Terraform's module directories; other formats keep none yet.
            findings.addAll(r.findings());
            continue;
          }
          String moduleDir = request.moduleDir() != null ? request.moduleDir()
              : moduleDirOf(git.root(), r.file());
          Map<String, List<Attribution>> byKey =
              attributor.attribute(r.plan(), moduleDir, r.findings(), range, bySha::get);
          for (Finding f : r.findings()) {
            findings.add(f.withAttribution(byKey.getOrDefault(f.key(), List.of())));
          }
        }
      } catch (GitException | IllegalArgumentException e) {
        // IllegalArgumentException: a module directory outside the repository (--module-dir).
        errors.add(Problem.general(Problem.CODE_GIT, e.getMessage()));
        who = Authorship.unknown("the commits could not be read: " + e.getMessage());
        findings.clear();
        read.forEach(r -> findings.addAll(r.findings()));
      }
    }

    PhaseTimer.report("authorship and attribution", tAuthorship);
    long tGate = System.nanoTime();
    GateResult result = Gate.decide(new GateInput(findings, Problem.texts(errors), who, policy,
        Approvals.none(), request.today(), request.approver().route()));
    PhaseTimer.report("gate", tGate);
    if (result.decision() == Decision.APPROVAL_REQUIRED) {
      try {
        Approvals approvals = request.approver().approvals(
            new ApprovalRequest(result.fingerprint(), policy.approvalLabel(), headSha));
        result = Gate.decide(new GateInput(findings, Problem.texts(errors), who, policy, approvals,
            request.today(), request.approver().route()));
      } catch (Approver.ApprovalException e) {
        errors.add(Problem.general(Problem.CODE_APPROVALS,
            "approvals could not be checked: " + e.getMessage()));
        result = Gate.decide(new GateInput(findings, Problem.texts(errors), who, policy, Approvals.none(),
            request.today(), request.approver().route()));
      }
    }
    return new Report(result.decision(), result.because(), result.fingerprint(),
        policy.approvalLabel(), who, summaries, findings, result.verdicts(), errors,
        policy.origin(), policyWarnings(policy, request.today()), request.approver().route());
  }

  /**
   * What the report says about the policy whether or not a finding is touched: every expired
   * waiver (a waiver that silently stopped working surprises whoever relies on it), and the
   * notes on where the policy came from.
   */
  static List<String> policyWarnings(Policy policy, LocalDate today) {
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

  private record ReadPlan(Path file, Plan plan, List<Finding> findings) {}

  /**
   * One plan to read: a single file, or every CloudFormation change-set document given (pages
   * and nested stacks of one change set belong together).
   */
  private record PlanInput(String name, List<Path> files, PlanFormat format, PlanExtras extras,
      TemplateSource template) {
    PlanInput(String name, List<Path> files, PlanFormat format, PlanExtras extras) {
      this(name, files, format, extras, null);
    }

    Plan read(PlanAnalyzer analyzer) throws PlanReadException {
      return switch (format) {
        case CLOUDFORMATION_CHANGE_SET -> {
          Plan plan = analyzer.changeSets.read(files, name);
          yield extras.templates().isEmpty() ? plan : ChangeSetGraph.withTemplate(plan,
              TemplateGraph.of(TemplateReader.read(extras.templates().get(0))));
        }
        case PULUMI -> analyzer.pulumi.read(files.get(0), extras.stackExport(), name);
        case CLOUDFORMATION_TEMPLATE -> template.read();
        default -> analyzer.read(files.get(0), name);
      };
    }
  }

  /** An offline template diff, read when its turn comes so its errors are reported in order. */
  private interface TemplateSource {
    Plan read() throws PlanReadException;
  }

  /**
   * The offline CloudFormation diffs the request asks for: two templates, a template against
   * its version at the base revision, or two cdk.out directories. A template next to a change
   * set is not a diff: it gives the change set its graph.
   */
  private static List<PlanInput> templateInputs(CheckRequest request, List<PlanInput> planInputs,
      List<Problem> errors) {
    PlanExtras x = request.extras();
    List<PlanInput> out = new ArrayList<>();
    if (x.templateBefore() != null || x.templateAfter() != null) {
      if (x.templateBefore() == null || x.templateAfter() == null) {
        errors.add(Problem.general(Problem.CODE_USAGE,
            "--template-before and --template-after go together"));
      } else {
        String name = x.templateAfter().toString();
        out.add(new PlanInput(name, List.of(x.templateAfter()),
            PlanFormat.CLOUDFORMATION_TEMPLATE, x, () -> TemplateDiff.diff(
                TemplateReader.read(x.templateBefore()), TemplateReader.read(x.templateAfter()),
                name)));
      }
    }
    boolean changeSetGiven = planInputs.stream()
        .anyMatch(i -> i.format() == PlanFormat.CLOUDFORMATION_CHANGE_SET);
    if (changeSetGiven && x.templates().size() > 1) {
      errors.add(Problem.general(Problem.CODE_USAGE, "a change set takes one --template, the"
          + " one it was created from; " + x.templates().size() + " were given"));
    }
    if (!x.templates().isEmpty() && !changeSetGiven) {
      CommitSelection sel = request.commits();
      if (request.repository() == null || sel.base() == null) {
        errors.add(Problem.general(Problem.CODE_USAGE, "--template needs a change set to give"
            + " its graph to (--plan) or a base revision to diff against (--base REV)"));
      } else {
        for (Path template : x.templates()) {
          String name = template.toString();
          out.add(new PlanInput(name, List.of(template), PlanFormat.CLOUDFORMATION_TEMPLATE, x,
              () -> {
                try {
                  return TemplateDiff.diffFromGit(GitRepository.open(request.repository()),
                      sel.base(), template, name);
                } catch (GitException e) {
                  throw new PlanReadException(name, e.getMessage());
                }
              }));
        }
      }
    }
    if (x.cdkOut() != null || x.cdkOutBase() != null) {
      CommitSelection sel = request.commits();
      String name = x.cdkOut() == null ? null : x.cdkOut().toString();
      if (x.cdkOut() == null) {
        errors.add(Problem.general(Problem.CODE_USAGE,
            "--cdk-out-base needs --cdk-out, the assembly to diff against it"));
      } else if (x.cdkOutBase() != null) {
        out.add(new PlanInput(name, List.of(x.cdkOut()), PlanFormat.CLOUDFORMATION_TEMPLATE, x,
            () -> TemplateDiff.diffCdkOut(x.cdkOut(), x.cdkOutBase(), name)));
      } else if (request.repository() == null || sel.base() == null) {
        errors.add(Problem.general(Problem.CODE_USAGE, "--cdk-out needs a base to diff against:"
            + " --cdk-out-base DIR (the base's synthesized cdk.out), or a base revision"
            + " (--base REV) whose commit holds it"));
      } else {
        out.add(new PlanInput(name, List.of(x.cdkOut()), PlanFormat.CLOUDFORMATION_TEMPLATE, x,
            () -> {
              try {
                return TemplateDiff.diffCdkOutFromGit(GitRepository.open(request.repository()),
                    sel.base(), x.cdkOut(), name);
              } catch (GitException e) {
                throw new PlanReadException(name, e.getMessage());
              }
            }));
      }
    }
    return out;
  }

  /** Sorts the given files into plans by sniffing each; a file that cannot be opened is an error. */
  private static List<PlanInput> group(List<Path> files, PlanExtras extras,
      List<Problem> errors) {
    List<PlanInput> inputs = new ArrayList<>();
    List<Path> changeSets = new ArrayList<>();
    for (Path file : files) {
      PlanFormat format;
      try {
        format = sniff(file);
      } catch (InputFileException e) {
        errors.add(Problem.of(e));
        continue;
      } catch (IOException e) {
        errors.add(Problem.in(file.toString(), Problem.CODE_UNREADABLE,
            "cannot be read (" + e.getMessage() + ")"));
        continue;
      }
      if (format == PlanFormat.CLOUDFORMATION_CHANGE_SET) {
        changeSets.add(file);
      } else {
        inputs.add(new PlanInput(file.toString(), List.of(file), format, extras));
      }
    }
    if (!changeSets.isEmpty()) {
      String name = changeSets.size() == 1 ? changeSets.get(0).toString()
          : String.join(" + ", changeSets.stream().map(Path::toString).toList());
      inputs.add(new PlanInput(name, List.copyOf(changeSets),
          PlanFormat.CLOUDFORMATION_CHANGE_SET, extras));
    }
    return inputs;
  }

  /**
   * Which reader a file needs, from its first bytes. Terraform is the fallback: its reader
   * names what is wrong with anything that is not a plan.
   */
  static PlanFormat sniff(Path file) throws IOException {
    // A FIFO, device or directory is refused here, before anything opens it (a FIFO would block).
    InputFile.check(file, file.toString(), InputFile.MAX_PLAN_BYTES);
    if (BinaryPlanConverter.isBinaryPlan(file)) {
      return PlanFormat.TERRAFORM;
    }
    byte[] head;
    try (var in = InputFile.open(file, file.toString(), InputFile.MAX_PLAN_BYTES)) {
      head = in.readNBytes(ChangeSetReader.SNIFF_BYTES);
    }
    if (ChangeSetReader.looksLike(head)) {
      return PlanFormat.CLOUDFORMATION_CHANGE_SET;
    }
    if (PulumiPreviewReader.looksLike(head)) {
      return PlanFormat.PULUMI;
    }
    return PlanFormat.TERRAFORM;
  }

  /** The plan file's directory relative to the repository root, or the root when outside. */
  static String moduleDirOf(Path root, Path planFile) {
    Path dir = planFile.toAbsolutePath().normalize().getParent();
    Path base = root.toAbsolutePath().normalize();
    try {
      dir = dir.toRealPath();
      base = base.toRealPath();
    } catch (IOException e) {
      // fall back to the lexical paths
    }
    if (dir == null || !dir.startsWith(base)) {
      return "";
    }
    return base.relativize(dir).toString().replace('\\', '/');
  }

  /** Later overrides win; a finding matches when every glob the override names matches. */
  static List<Finding> applyCriticality(List<Finding> findings, Policy policy) {
    if (policy.criticality().isEmpty()) {
      return findings;
    }
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Finding g = f;
      for (CriticalityOverride o : policy.criticality()) {
        if ((o.type() == null || o.type().matches(f.type()))
            && (o.address() == null || o.address().matches(f.address()))) {
          String category = o.category() != null ? o.category()
              : g.category() != null ? g.category() : "critical";
          g = g.withCriticality(o.critical(), category);
        }
      }
      out.add(g);
    }
    return out;
  }

  /** Reads one plan file, converting a binary plan first. */
  public Plan read(Path file, String name) throws PlanReadException {
    try {
      InputFile.check(file, name, InputFile.MAX_PLAN_BYTES);
    } catch (InputFileException e) {
      throw new PlanReadException(name, e.reason());
    }
    if (BinaryPlanConverter.isBinaryPlan(file)) {
      Path json = BinaryPlanConverter.toJson(file, name);
      try {
        return terraform.read(json, name);
      } finally {
        try {
          Files.deleteIfExists(json);
        } catch (IOException ignored) {
          // a leftover temp file is harmless
        }
      }
    }
    return terraform.read(file, name);
  }

  static PlanSummary summarise(Plan plan) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String k : List.of("create", "update", "delete", "replace", "forget", "read", "noOp")) {
      counts.put(k, 0);
    }
    int unknown = 0;
    for (ResourceChange c : plan.listedChanges()) {
      unknown += c.kind() == ChangeKind.UNKNOWN ? 1 : 0;
      String k = switch (c.kind()) {
        case CREATE -> "create";
        case UPDATE -> "update";
        case DELETE, UNKNOWN -> "delete";
        case REPLACE -> "replace";
        case FORGET -> "forget";
        case READ -> "read";
        case NO_OP -> "noOp";
      };
      counts.merge(k, 1, Integer::sum);
    }
    counts.put("unknown", unknown);
    counts.put("drift", plan.driftCount());
    counts.put("deferred", plan.deferred().size());
    return new PlanSummary(plan.source(), plan.format().id(), plan.formatVersion(),
        plan.toolVersion(), counts, plan.errored(), plan.complete(), plan.warnings());
  }
}
