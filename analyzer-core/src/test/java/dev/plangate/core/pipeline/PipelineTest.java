package dev.plangate.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.api.CommitSelection;
import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.gate.Approval;
import dev.plangate.core.gate.Approvals;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.gate.Reason;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.PolicyLoader;
import dev.plangate.core.report.PlanSummary;
import dev.plangate.core.report.Problem;
import dev.plangate.core.report.Report;
import dev.plangate.core.source.TerraformSource;
import dev.plangate.core.testing.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gate for one request: every plan read, its destroys found, the commits read and
 * attributed, the gate asked once and again with the approvals it found. Every input problem is
 * a line in the report and an error decision, never an exception and never a pass.
 */
class PipelineTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

  @TempDir Path dir;

  static String terraformPlan(String address, String actions, String reason) {
    String type = address.substring(0, address.indexOf('.'));
    String name = address.substring(address.indexOf('.') + 1);
    return """
        {"format_version":"1.2","terraform_version":"1.9.0","resource_changes":[
         {"address":"%s","mode":"managed","type":"%s","name":"%s",
          "change":{"actions":[%s],"before":{},"after":null}%s}]}
        """.formatted(address, type, name, actions,
        reason == null ? "" : ",\"action_reason\":\"" + reason + "\"");
  }

  static final String DELETE_DB = terraformPlan("terraform_data.db", "\"delete\"",
      "delete_because_no_resource_config");

  Path write(Path where, String name, String text) throws IOException {
    return Files.writeString(where.resolve(name), text);
  }

  Report check(CheckRequest.Builder request) {
    return new Pipeline().check(request.today(TODAY).build());
  }

  @Test
  void noPlanFilesIsAnErrorNotAPass() {
    Report r = check(CheckRequest.builder(List.of()));

    assertThat(r.decision()).isEqualTo(Decision.ERROR);
    assertThat(r.problems()).extracting(Problem::code, Problem::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Problem.CODE_USAGE,
            "no plan files given"));
    assertThat(r.findings()).isEmpty();
  }

  @Test
  void aDestroyWithoutCommitsNeedsApprovalAndIsReportedWithItsPlan() throws IOException {
    Path plan = write(dir, "plan.json", DELETE_DB);

    Report r = check(CheckRequest.builder(List.of(plan)));

    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.problems()).isEmpty();
    assertThat(r.findings()).extracting(Finding::address).containsExactly("terraform_data.db");
    assertThat(r.findings().get(0).plan()).isEqualTo(plan.toString());
    assertThat(r.findings().get(0).attribution()).isEmpty();
    assertThat(r.plans()).hasSize(1);
    assertThat(r.authorship().aiInvolved()).isNull();
    assertThat(r.fingerprint()).isNotBlank();
    assertThat(r.approvalLabel()).isEqualTo(Policy.DEFAULT_LABEL);
  }

  @Test
  void aPlanWithoutDestroysPassesAndNoApprovalIsAskedFor() throws IOException {
    Path plan = write(dir, "plan.json", terraformPlan("terraform_data.db", "\"create\"", null));
    List<String> asked = new ArrayList<>();

    Report r = check(CheckRequest.builder(List.of(plan)).approver(request -> {
      asked.add(request.fingerprint());
      return Approvals.none();
    }));

    assertThat(r.decision()).isEqualTo(Decision.PASS);
    assertThat(r.findings()).isEmpty();
    assertThat(asked).isEmpty();
  }

  @Test
  void everyUnreadablePlanIsReportedAndTheReadableOnesStillAnalysed() throws IOException {
    Path good = write(dir, "good.json", DELETE_DB);
    Path truncated = write(dir, "truncated.json", DELETE_DB.substring(0, 60));
    Path missing = dir.resolve("missing.json");

    Report r = check(CheckRequest.builder(List.of(truncated, good, missing)));

    assertThat(r.decision()).isEqualTo(Decision.ERROR);
    assertThat(r.problems()).extracting(Problem::source)
        .containsExactlyInAnyOrder(truncated.toString(), missing.toString());
    assertThat(r.findings()).extracting(Finding::plan).containsExactly(good.toString());
    assertThat(r.plans()).hasSize(1);
  }

  @Test
  void aPlanWhoseToolReportsFailureIsAnErrorThoughItsFindingsAreKept() throws IOException {
    Path plan = write(dir, "plan.json", DELETE_DB.replace("\"format_version\":\"1.2\",",
        "\"format_version\":\"1.2\",\"errored\":true,"));

    Report r = check(CheckRequest.builder(List.of(plan)));

    assertThat(r.decision()).isEqualTo(Decision.ERROR);
    assertThat(r.problems()).extracting(Problem::source, Problem::code).containsExactly(
        org.assertj.core.groups.Tuple.tuple(plan.toString(), Problem.CODE_PLAN_ERRORED));
    assertThat(r.problems().get(0).message()).isEqualTo("the tool reports that planning failed"
        + " (errored: true); fix the plan errors and plan again");
    assertThat(r.findings()).hasSize(1);
  }

  @Test
  void thePolicysCriticalityReachesTheFindings() throws Exception {
    Path plan = write(dir, "plan.json", DELETE_DB);
    Policy policy = PolicyLoader.parse("""
        criticality:
          - type: "terraform_data"
            critical: true
            category: ledger
        """, ".plangate.yml");

    Report r = check(CheckRequest.builder(List.of(plan)).policy(policy));

    assertThat(r.findings()).extracting(Finding::critical, Finding::category)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(true, "ledger"));
  }

  /** A repository whose last commit, by an agent, removed terraform_data.db. */
  GitFixture aiRemovesTheDatabase() throws IOException {
    GitFixture git = GitFixture.init(dir.resolve("repo"));
    git.write("main.tf", "resource \"terraform_data\" \"db\" {}\n\n"
        + "resource \"terraform_data\" \"app\" {}\n");
    git.commit("Infrastructure");
    git.write("main.tf", "resource \"terraform_data\" \"app\" {}\n");
    git.commit("Remove the database\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n");
    return git;
  }

  @Test
  void theCommitsAreReadAndTheDestroyAttributedToTheAgentsCommit() throws IOException {
    GitFixture git = aiRemovesTheDatabase();
    Path plan = write(git.dir(), "plan.json", DELETE_DB);

    Report r = check(CheckRequest.builder(List.of(plan))
        .commits(git.dir(), CommitSelection.between("HEAD~1", "HEAD")));

    assertThat(r.problems()).isEmpty();
    assertThat(r.authorship().aiInvolved()).isTrue();
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.address()).isEqualTo("terraform_data.db");
      assertThat(f.attribution()).extracting(Attribution::sha).containsExactly(git.head());
      assertThat(f.attribution()).allMatch(Attribution::ai);
    });
  }

  @Test
  void anApprovalForThisFingerprintAndHeadPasses() throws IOException {
    GitFixture git = aiRemovesTheDatabase();
    Path plan = write(git.dir(), "plan.json", DELETE_DB);
    List<String> asked = new ArrayList<>();
    Approver approver = request -> {
      asked.add(request.fingerprint());
      asked.add(request.label());
      asked.add(request.headSha());
      return Approvals.of(List.of(new Approval("ana", "label " + request.label(),
          request.fingerprint(), Instant.parse("2026-11-21T10:00:00Z"))));
    };

    Report r = check(CheckRequest.builder(List.of(plan))
        .commits(git.dir(), CommitSelection.between("HEAD~1", "HEAD")).approver(approver));

    assertThat(r.decision()).isEqualTo(Decision.PASS);
    assertThat(asked).containsExactly(r.fingerprint(), Policy.DEFAULT_LABEL, git.head());
    assertThat(r.approvalRoute()).isEqualTo(approver.route());
  }

  @Test
  void whatTheApproverCouldNotCountIsSaidEvenWhenItFoundNoApproval() throws IOException {
    GitFixture git = aiRemovesTheDatabase();
    Path plan = write(git.dir(), "plan.json", DELETE_DB);
    Approver approver = request -> new Approvals(List.of(),
        List.of("The label added by dependabot[bot] does not count: bots cannot approve."));

    Report r = check(CheckRequest.builder(List.of(plan))
        .commits(git.dir(), CommitSelection.between("HEAD~1", "HEAD")).approver(approver));

    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.reasons()).extracting(Reason::text)
        .contains("The label added by dependabot[bot] does not count: bots cannot approve.");
  }

  @Test
  void anApproverThatCannotBeReachedIsAnErrorNotAPass() throws IOException {
    Path plan = write(dir, "plan.json", DELETE_DB);
    Approver down = request -> {
      throw new Approver.ApprovalException("connection refused");
    };

    Report r = check(CheckRequest.builder(List.of(plan)).approver(down));

    assertThat(r.decision()).isEqualTo(Decision.ERROR);
    assertThat(r.problems()).extracting(Problem::code, Problem::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple(Problem.CODE_APPROVALS,
            "approvals could not be checked: connection refused"));
  }

  @Test
  void aDirectoryThatIsNoRepositoryIsAGitErrorAndUnknownAuthorship() throws IOException {
    Path notRepo = Files.createDirectory(dir.resolve("plain"));
    Path plan = write(notRepo, "plan.json", DELETE_DB);

    Report r = check(CheckRequest.builder(List.of(plan))
        .commits(notRepo, CommitSelection.between("HEAD~1", "HEAD")));

    assertThat(r.decision()).isEqualTo(Decision.ERROR);
    assertThat(r.problems()).extracting(Problem::code).containsExactly(Problem.CODE_GIT);
    assertThat(r.authorship().aiInvolved()).isNull();
    assertThat(String.join(" ", r.authorship().notes()))
        .contains("the commits could not be read: " + r.problems().get(0).message());
    assertThat(r.findings()).hasSize(1);
  }

  @Test
  void aModuleDirectoryOutsideTheRepositoryIsAGitError() throws IOException {
    GitFixture git = aiRemovesTheDatabase();
    Path plan = write(git.dir(), "plan.json", DELETE_DB);

    Report r = check(CheckRequest.builder(List.of(plan))
        .commits(git.dir(), CommitSelection.between("HEAD~1", "HEAD")).moduleDir("../elsewhere"));

    assertThat(r.decision()).isEqualTo(Decision.ERROR);
    assertThat(r.problems()).extracting(Problem::code).containsExactly(Problem.CODE_GIT);
  }

  @Test
  void anExpiredWaiverIsAWarningWhetherOrNotAFindingIsTouched() throws Exception {
    Policy policy = PolicyLoader.parse("""
        waivers:
          - address: "terraform_data.scratch"
            reason: "recreated nightly"
            expires: 2026-11-20
          - address: "terraform_data.other"
            reason: "still valid"
            expires: 2026-11-21
        """, ".plangate.yml");
    policy = policy.withOrigin(policy.origin().withNotes(List.of("The base had no policy.")));

    List<String> warnings = Pipeline.policyWarnings(policy, TODAY);

    assertThat(warnings).first().isEqualTo("The waiver for terraform_data.scratch (line 2)"
        + " expired on 2026-11-20 and no longer applies.");
    assertThat(warnings).containsExactly(warnings.get(0), "The base had no policy.");

    Path plan = write(dir, "plan.json", terraformPlan("terraform_data.x", "\"create\"", null));
    Report r = check(CheckRequest.builder(List.of(plan)).policy(policy));
    assertThat(r.warnings()).isEqualTo(warnings);
    assertThat(r.decision()).isEqualTo(Decision.PASS);
  }

  @Test
  void thePipelineReadsWithTheSourcesItExposes() throws IOException {
    Pipeline pipeline = new Pipeline(ResourceCatalog.builtin());
    Path plan = write(dir, "plan.json", DELETE_DB);
    assertThat(pipeline.sources().sniff(plan)).isInstanceOf(TerraformSource.class);
    Report r = pipeline.check(CheckRequest.builder(List.of(plan)).today(TODAY).build());
    assertThat(r.plans()).extracting(PlanSummary::path).containsExactly(plan.toString());
  }
}
