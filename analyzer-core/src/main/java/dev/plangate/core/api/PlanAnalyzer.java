package dev.plangate.core.api;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.gate.Gate;
import dev.plangate.core.gate.GateInput;
import dev.plangate.core.policy.Policy;
import java.time.LocalDate;
import dev.plangate.core.gate.GateResult;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.ImpactAnalyzer;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.PhaseTimer;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.report.PlanSummary;
import dev.plangate.core.report.Report;
import dev.plangate.core.terraform.BinaryPlanConverter;
import dev.plangate.core.terraform.TerraformPlanReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point for every front end: plan files in, one {@link Report} out. Input problems do
 * not throw; each becomes a line in {@link Report#errors()} and the decision becomes
 * {@code error}, so that a run reports every bad file at once and never passes silently.
 */
public final class PlanAnalyzer {
  private final ResourceCatalog catalog;
  private final TerraformPlanReader terraform;
  private final ImpactAnalyzer impact;

  public PlanAnalyzer() {
    this(ResourceCatalog.builtin());
  }

  PlanAnalyzer(ResourceCatalog catalog) {
    this.catalog = catalog;
    this.terraform = new TerraformPlanReader(catalog);
    this.impact = new ImpactAnalyzer(catalog);
  }

  /** Analyses every plan; each is named in the report as given in {@code plans}. */
  public Report analyze(List<Path> plans) {
    List<PlanSummary> summaries = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if (plans.isEmpty()) {
      errors.add("no plan files given");
    }
    for (Path file : plans) {
      String name = file.toString();
      try {
        long t0 = System.nanoTime();
        Plan plan = read(file, name);
        PhaseTimer.report("read " + plan.changes().size() + " instances, "
            + plan.dependencies().size() + " edges:", t0);
        long t1 = System.nanoTime();
        summaries.add(summarise(plan));
        findings.addAll(impact.analyze(plan));
        PhaseTimer.report("analysis", t1);
        if (plan.errored()) {
          errors.add(name + ": Terraform reports that planning failed (errored: true); fix the"
              + " plan errors and plan again");
        }
      } catch (PlanReadException e) {
        errors.add(e.getMessage());
      }
    }
    Authorship who = Authorship.unknown("no commit range was read");
    GateResult result = Gate.decide(new GateInput(findings, errors, who, Policy.defaults(),
        List.of(), LocalDate.now()));
    return new Report(result.decision(), result.reasons(), result.fingerprint(),
        Policy.DEFAULT_LABEL, who, summaries,
        findings, result.verdicts(), errors);
  }

  /** Reads one plan file, converting a binary plan first. */
  public Plan read(Path file, String name) throws PlanReadException {
    if (Files.isDirectory(file)) {
      throw new PlanReadException(name, "is a directory, not a plan file");
    }
    if (!Files.exists(file)) {
      throw new PlanReadException(name, "file not found");
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
