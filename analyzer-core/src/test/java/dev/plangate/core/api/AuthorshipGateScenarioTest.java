package dev.plangate.core.api;

import dev.plangate.core.pipeline.Pipeline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.gate.Approval;
import dev.plangate.core.gate.Approvals;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.PolicyLoader;
import dev.plangate.core.report.Report;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.core.testing.GitFixture.Person;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate end to end on real git repositories: a commit range with each kind of AI signal (and
 * none), against the orders-service example's real Terraform plans — one that destroys the
 * database, one that only updates in place.
 */
class AuthorshipGateScenarioTest {
  static final Path EXAMPLE = Path.of(System.getProperty("plangate.root", ".."))
      .resolve("examples/orders-service").toAbsolutePath().normalize();
  static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

  @TempDir Path tmp;

  /** A repository whose base commit (human) declares the database; returns the base sha. */
  GitFixture repo(Path dir) throws IOException {
    GitFixture git = GitFixture.init(dir);
    git.write("main.tf", Files.readString(EXAMPLE.resolve("before/main.tf")));
    git.write("README.md", "orders service\n");
    git.commit("Orders service infrastructure");
    return git;
  }

  /** The change under review: main.tf as in after-destroy/ (database block removed). */
  static void removeDatabase(GitFixture git) throws IOException {
    git.write("main.tf", Files.readString(EXAMPLE.resolve("after-destroy/main.tf")));
  }

  Report check(GitFixture git, String base, String plan, Policy policy) throws IOException {
    Path planFile = git.dir().resolve("plan.json");
    Files.copy(EXAMPLE.resolve(plan), planFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return new Pipeline().check(CheckRequest.builder(List.of(planFile)).policy(policy)
        .commits(git.dir(), CommitSelection.between(base, "HEAD")).today(TODAY).build());
  }

  Report destroy(GitFixture git, String base) throws IOException {
    return check(git, base, "destroy-plan.json", Policy.defaults());
  }

  Report update(GitFixture git, String base) throws IOException {
    return check(git, base, "update-plan.json", Policy.defaults());
  }

  static Finding database(Report r) {
    return r.findings().stream().filter(f -> f.address().equals("terraform_data.database"))
        .findFirst().orElseThrow();
  }

  /** The documented outcome for an AI-authored destroy, and pass without one. */
  void assertAiDecision(GitFixture git, String base, String aiSha, String agent)
      throws IOException {
    Report r = destroy(git, base);
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.authorship().aiInvolved()).isTrue();
    CommitAuthorship c = r.authorship().commits().stream()
        .filter(x -> x.sha().equals(aiSha)).findFirst().orElseThrow();
    assertThat(c.ai()).isTrue();
    assertThat(c.agent()).isEqualTo(agent);
    Attribution a = database(r).attribution().get(0);
    assertThat(a.sha()).isEqualTo(aiSha);
    assertThat(a.agent()).isEqualTo(agent);
    assertThat(a.change()).isEqualTo("removed resource \"terraform_data\" \"database\"");
    assertThat(a.file()).isEqualTo("main.tf");
    assertThat(a.line()).isEqualTo(1);
    assertThat(r.decisionReasons()).anyMatch(s -> s.startsWith("terraform_data.database would be"
        + " destroyed; caused by commit " + aiSha.substring(0, 7) + " (" + agent + ")"));

    assertThat(update(git, base).decision()).isEqualTo(Decision.PASS);
  }

  @Test
  void claudeCodeTrailer() throws IOException {
    GitFixture git = repo(tmp.resolve("claude"));
    String base = git.head();
    removeDatabase(git);
    String ai = git.commit("Remove unused database\n\nThe web tier no longer reads it.\n\n"
        + "🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\n"
        + "Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\n");
    assertAiDecision(git, base, ai, "Claude Code");
  }

  @Test
  void copilotCodingAgentAuthor() throws IOException {
    GitFixture git = repo(tmp.resolve("copilot"));
    String base = git.head();
    removeDatabase(git);
    String ai = git.commit("Drop database resource\n\nCo-authored-by: Ana <ana@example.com>\n",
        new Person("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com"));
    assertAiDecision(git, base, ai, "GitHub Copilot coding agent");
  }

  @Test
  void aiderSuffixedAuthor() throws IOException {
    GitFixture git = repo(tmp.resolve("aider"));
    String base = git.head();
    git.write("README.md", "orders service, owned by payments\n");
    git.commit("Say who owns it");
    removeDatabase(git);
    Person aider = new Person("Jane Doe (aider)", "jane@example.com");
    String ai = git.commit("refactor: remove database", aider, aider);
    assertAiDecision(git, base, ai, "aider");
  }

  @Test
  void cursorTrailer() throws IOException {
    GitFixture git = repo(tmp.resolve("cursor"));
    String base = git.head();
    removeDatabase(git);
    String ai = git.commit("Clean up terraform\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n");
    assertAiDecision(git, base, ai, "Cursor");
  }

  @Test
  void humanOnlyPassesWithAWarningThatNamesTheCommit() throws Exception {
    GitFixture git = repo(tmp.resolve("human"));
    String base = git.head();
    removeDatabase(git);
    String human = git.commit("Retire the orders database\n\nSigned-off-by: Test Human"
        + " <human@example.com>\n");

    Report r = destroy(git, base);
    assertThat(r.decision()).isEqualTo(Decision.PASS);
    assertThat(r.authorship().aiInvolved()).isFalse();
    assertThat(r.decisionReasons().get(0)).startsWith("No AI agent was involved: a human-authored"
        + " change destroys 1 resource");
    assertThat(r.decisionReasons()).contains("terraform_data.database would be destroyed;"
        + " caused by commit " + human.substring(0, 7) + " (Test Human <human@example.com>),"
        + " which removed resource \"terraform_data\" \"database\" in main.tf:1.");
    assertThat(update(git, base).decision()).isEqualTo(Decision.PASS);

    // The same range under a policy that asks for approval of every destroy.
    Policy strict = PolicyLoader.parse("humanOnly: require-approval\n", ".plangate.yml");
    assertThat(check(git, base, "destroy-plan.json", strict).decision())
        .isEqualTo(Decision.APPROVAL_REQUIRED);
  }

  @Test
  void aMergeBringsInTheAiCommitFromTheSideBranch() throws IOException {
    GitFixture git = repo(tmp.resolve("merge"));
    String base = git.head();
    git.branch("claude/retire-db");
    removeDatabase(git);
    String ai = git.commit("Retire database\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n");
    git.checkout("main");
    git.write("README.md", "orders service (v2)\n");
    git.commit("Docs");
    String merge = git.merge("claude/retire-db", "Merge branch 'claude/retire-db'");

    Report r = destroy(git, base);
    assertThat(r.authorship().commits()).extracting(CommitAuthorship::sha).contains(ai, merge);
    assertAiDecision(git, base, ai, "Claude Code");
  }

  @Test
  void aShallowCloneWithoutTheBaseIsUnknownAndNeverHuman() throws IOException {
    GitFixture origin = repo(tmp.resolve("origin"));
    String base = origin.head();
    origin.write("README.md", "one\n");
    origin.commit("Docs");
    removeDatabase(origin);
    origin.commit("Retire the orders database");
    GitFixture clone = origin.shallowClone(tmp.resolve("shallow"), 1);

    Report r = destroy(clone, base);
    assertThat(r.authorship().aiInvolved()).isNull();
    assertThat(r.authorship().notes()).singleElement().asString()
        .contains("not in this clone's history because the clone is shallow")
        .contains("fetch-depth: 0");
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.decisionReasons().get(0)).startsWith("Authorship is unknown (")
        .contains("counts unknown authorship as AI");
    assertThat(update(clone, base).decision()).isEqualTo(Decision.PASS);
  }

  @Test
  void anApproverThatFindsAnApprovalForThisFingerprintPasses() throws IOException {
    GitFixture git = repo(tmp.resolve("approved"));
    String base = git.head();
    removeDatabase(git);
    git.commit("Remove db\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n");
    Path planFile = git.dir().resolve("plan.json");
    Files.copy(EXAMPLE.resolve("destroy-plan.json"), planFile);
    String[] asked = new String[3];
    Approver approver = request -> {
      asked[0] = request.fingerprint();
      asked[1] = request.label();
      asked[2] = request.headSha();
      return Approvals.of(List.of(new Approval("ana", "label " + request.label(),
          request.fingerprint(), Instant.now())));
    };
    Report r = new Pipeline().check(CheckRequest.builder(List.of(planFile))
        .commits(git.dir(), CommitSelection.between(base, "HEAD")).approver(approver).today(TODAY)
        .build());

    assertThat(r.decision()).isEqualTo(Decision.PASS);
    assertThat(asked).containsExactly(r.fingerprint(), "plangate/approve-destroy", git.head());
  }

  @Test
  void anUnreachableApproverIsAnErrorNotAPass() throws IOException {
    GitFixture git = repo(tmp.resolve("unreachable"));
    String base = git.head();
    removeDatabase(git);
    git.commit("Remove db\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n");
    Path planFile = git.dir().resolve("plan.json");
    Files.copy(EXAMPLE.resolve("destroy-plan.json"), planFile);
    Approver down = request -> {
      throw new Approver.ApprovalException("connection refused", null);
    };
    Report r = new Pipeline().check(CheckRequest.builder(List.of(planFile))
        .commits(git.dir(), CommitSelection.between(base, "HEAD")).approver(down).today(TODAY)
        .build());

    assertThat(r.decision()).isEqualTo(Decision.ERROR);
    assertThat(r.errors()).containsExactly("approvals could not be checked: connection refused");
  }

  @Test
  void anUnknownBaseInAFullCloneIsAnError() throws IOException {
    GitFixture git = repo(tmp.resolve("typo"));
    Report r = check(git, "no-such-branch", "destroy-plan.json", Policy.defaults());
    assertThat(r.decision()).isEqualTo(Decision.ERROR);
    assertThat(r.errors()).singleElement().asString().contains("no-such-branch");
  }

  @Test
  void agentEnvironmentAndBranchAreSignalsToo() throws IOException {
    GitFixture git = repo(tmp.resolve("env"));
    String base = git.head();
    removeDatabase(git);
    git.commit("Retire the orders database");
    Path planFile = git.dir().resolve("plan.json");
    Files.copy(EXAMPLE.resolve("destroy-plan.json"), planFile);

    Report byEnv = new Pipeline().check(CheckRequest.builder(List.of(planFile))
        .commits(git.dir(), CommitSelection.between(base, "HEAD"))
        .environment(Map.of("CLAUDECODE", "1")).today(TODAY).build());
    assertThat(byEnv.authorship().aiInvolved()).isTrue();
    assertThat(byEnv.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);

    Report byBranch = new Pipeline().check(CheckRequest.builder(List.of(planFile))
        .commits(git.dir(), CommitSelection.between(base, "HEAD")).branch("copilot/retire-db")
        .today(TODAY).build());
    assertThat(byBranch.authorship().aiInvolved()).isTrue();
    assertThat(byBranch.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
  }

  @Test
  void policySignalsProtectRulesAndCriticalityApply() throws Exception {
    GitFixture git = repo(tmp.resolve("policy"));
    String base = git.head();
    removeDatabase(git);
    String ai = git.commit("Retire db\n\nAcme-Agent: yes\n");

    Policy policy = PolicyLoader.parse("""
        signals:
          - agent: Acme Agent
            trailer: Acme-Agent
        criticality:
          - address: terraform_data.database
            critical: true
            category: database
        """, ".plangate.yml");
    Report r = check(git, base, "destroy-plan.json", policy);
    assertThat(r.decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(r.authorship().commits()).filteredOn(CommitAuthorship::ai)
        .extracting(CommitAuthorship::sha, CommitAuthorship::agent)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ai, "Acme Agent"));
    assertThat(database(r).critical()).isTrue();
    assertThat(database(r).category()).isEqualTo("database");

    Policy protect = PolicyLoader.parse("""
        protect:
          - address: terraform_data.database
            reason: the orders ledger lives here
        """, ".plangate.yml");
    Report blocked = check(git, base, "destroy-plan.json", protect);
    assertThat(blocked.decision()).isEqualTo(Decision.BLOCKED);
    assertThat(blocked.decisionReasons().get(0)).contains("protects it (line 2: the orders"
        + " ledger lives here)");
  }
}
