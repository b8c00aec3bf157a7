package dev.plangate.core.authorship;

import static dev.plangate.core.authorship.Commits.commit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.git.Commit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One realistic positive per agent of the built-in catalogue: a commit as git reports it, or,
 * for agents that leave nothing in git, the environment their shell commands run with.
 */
class AgentSignalFixturesTest {
  private static final SignalCatalog CATALOG = SignalCatalog.builtin();
  private static final AuthorshipDetector DETECTOR = new AuthorshipDetector(CATALOG);
  private static final String HUMAN = "Dana Whitfield <dana.whitfield@example.org>";

  /** What one fixture must produce: the strongest signal's agent, confidence and kind. */
  record Fixture(String label, String agent, Confidence confidence, String kind, Commit commit,
      String branch, Map<String, String> env) {
    @Override
    public String toString() {
      return agent + ": " + label;
    }
  }

  static Fixture commitFixture(String label, String agent, Confidence confidence, String kind,
      Commit commit) {
    return new Fixture(label, agent, confidence, kind, commit, null, null);
  }

  static Fixture envFixture(String label, String agent, Confidence confidence,
      Map<String, String> env) {
    return new Fixture(label, agent, confidence, "environment", null, null, env);
  }

  static Stream<Fixture> fixtures() {
    return Stream.of(
        commitFixture("co-author trailer and footer", "Claude Code", Confidence.MEDIUM, "trailer",
            commit("963507bf2e62f8985c4319deb069e8423e292cd9", HUMAN,
                "Add retention policy to audit bucket\n\n"
                    + "Sets a 90-day lifecycle on the audit log bucket so old objects expire.\n\n"
                    + "🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\n"
                    + "Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>\n")),
        commitFixture("claude-code-action commit", "Claude Code", Confidence.HIGH, "author",
            commit("c2f0de702889a61d82cbabfa7848affbc9068162",
                "claude[bot] <41898282+claude[bot]@users.noreply.github.com>",
                "Fix flaky health check on the load balancer\n\n"
                    + "Co-authored-by: Priya Raman <priya.raman@example.com>\n")),
        commitFixture("web session trailer", "Claude Code", Confidence.MEDIUM, "trailer",
            commit("306707f2c09676f4592036353a601b29b271dc77", HUMAN,
                "Rename the network module to vpc\n\n"
                    + "Claude-Session: https://claude.ai/code/session_01HqZ7rW3xKcY9mT2nVb\n")),
        commitFixture("coding agent author", "GitHub Copilot coding agent", Confidence.HIGH,
            "author",
            commit("f143b4b398535a0e17fea4afe14b5c8dde0cec9c",
                "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
                "Replace deprecated aws_s3_bucket_acl with ownership controls\n\n"
                    + "Co-authored-by: mlee <4512345+mlee@users.noreply.github.com>\n")),
        commitFixture("CLI co-author", "GitHub Copilot CLI", Confidence.MEDIUM, "trailer",
            commit("e318bea9485607778863aa4f3b1ff4ca36d9a073", HUMAN,
                "Tighten the deploy role's IAM policy\n\n"
                    + "Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>\n")),
        commitFixture("VS Code co-author", "GitHub Copilot (IDE)", Confidence.MEDIUM, "trailer",
            commit("cfcee935b0c5a705c6f29c9aed1780e925ac556d", HUMAN,
                "Split the monitoring stack into its own module\n\n"
                    + "Co-authored-by: Copilot <copilot@github.com>\n")),
        commitFixture("cloud task link", "OpenAI Codex", Confidence.MEDIUM, "message",
            commit("2d404e1cd7617ed2e78b755ad1c05563613eda81", HUMAN,
                "Use develop branch for commits (#1305)\n\n"
                    + "* point the release workflow at develop\n* update the docs\n\n"
                    + "[Codex Task](https://chatgpt.com/codex/tasks/task_e_68a1b2c3d4e5f6)\n")),
        commitFixture("CLI co-author", "OpenAI Codex", Confidence.MEDIUM, "trailer",
            commit("dcb6f2096995b8fc57f36238cb71e659f1e9d6f4", HUMAN,
                "Drop the unused NAT gateway\n\nCo-authored-by: Codex <noreply@openai.com>\n")),
        commitFixture("cloud agent author", "Cursor", Confidence.MEDIUM, "author",
            commit("595f5db9c61ec6be3eac275c77096b0d1b4fac2b",
                "Cursor Agent <cursoragent@cursor.com>",
                "Move the RDS instance into the data module\n\n"
                    + "Co-authored-by: Dana Whitfield <dana.whitfield@example.org>\n")),
        commitFixture("Made-with trailer", "Cursor", Confidence.MEDIUM, "trailer",
            commit("69c9a74efc7858a196b749f63515b96bc77e1fa0", HUMAN,
                "Add a read replica\n\nMade-with: Cursor\n")),
        commitFixture("app author", "Devin", Confidence.HIGH, "author",
            commit("983821f4b494ba25b3e58d28da4589ed519881be",
                "Devin AI <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
                "Migrate the flight-controller queue to FIFO\n\n"
                    + "Co-authored-by: Tom Okafor <tom@example.net>\n")),
        commitFixture("app author", "Google Jules", Confidence.HIGH, "author",
            commit("f12d8c92caa3909d911e7617441e043c1a5f8837",
                "google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>",
                "Refactor the cache cluster variables\n\n"
                    + "Co-authored-by: hraiyan <38291034+hraiyan@users.noreply.github.com>\n")),
        envFixture("run_shell_command", "Gemini CLI", Confidence.HIGH,
            Map.of("GEMINI_CLI", "1", "TERM", "xterm-256color")),
        commitFixture("applied review suggestion", "Gemini Code Assist", Confidence.HIGH,
            "author",
            commit("d1aeb91be26f2f8eb7597b74ce71ebc0ca718eed",
                "gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>",
                "Apply suggestions from code review\n\n"
                    + "Co-authored-by: Dana Whitfield <dana.whitfield@example.org>\n")),
        commitFixture("app author", "Amazon Q Developer", Confidence.HIGH, "author",
            commit("48f98db2573ca0ed2f92c3b78ace0e483ec72c13",
                "amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com>",
                "Add DynamoDB point-in-time recovery\n")),
        envFixture("agent-run AWS tool", "Kiro", Confidence.MEDIUM,
            Map.of("AWS_EXECUTION_ENV", "Kiro-Agent", "TERM_PROGRAM", "kiro")),
        commitFixture("co-author trailer", "aider", Confidence.MEDIUM, "trailer",
            commit("2bec2fa2be63c6bd801ed439fe34e26e6da9817c", HUMAN,
                "feat: Add lifecycle rule to the log bucket\n\n"
                    + "Co-authored-by: aider (anthropic/claude-sonnet-4-20250514) "
                    + "<aider@aider.chat>\n")),
        commitFixture("co-author trailer", "OpenHands", Confidence.MEDIUM, "trailer",
            commit("869d9e731285477f123a27fd25ae4ff2d1ba2862", HUMAN,
                "Fix the subnet CIDR overlap\n\n"
                    + "Co-authored-by: openhands <openhands@all-hands.dev>\n")),
        commitFixture("app author", "Cline", Confidence.HIGH, "author",
            commit("b2eea1796fdc6f22ada6cd5c12de35db431967e5",
                "cline[bot] <205137888+cline[bot]@users.noreply.github.com>",
                "Bump the EKS node group AMI\n")),
        commitFixture("app author", "Windsurf", Confidence.HIGH, "author",
            commit("6e2c77607abe0c3fbaf98db27559949f92a014ae",
                "windsurf-bot[bot] <189301087+windsurf-bot[bot]@users.noreply.github.com>",
                "Add tags to the VPC endpoints\n")),
        commitFixture("agent trailer", "Replit Agent", Confidence.MEDIUM, "trailer",
            commit("c26b4def6af04ad8bbaee0eeb4b03b0864ed8e3b",
                "jdoe <38291034-jdoe@users.noreply.replit.com>",
                "Configure the database for deployment\n\n"
                    + "Replit-Commit-Author: Agent\n"
                    + "Replit-Commit-Session-Id: 3f2c9a1e-7b4d-4e8a-9c61-0d5e2f8b7a34\n")),
        commitFixture("app author", "Sweep", Confidence.HIGH, "author",
            commit("fbc586e58ac27575b54440f1b9c6e4cd7f549382",
                "sweep-ai[bot] <128439645+sweep-ai[bot]@users.noreply.github.com>",
                "Sweep: Add sweep config\n")),
        commitFixture("co-author trailer", "Amp", Confidence.MEDIUM, "trailer",
            commit("4c13adff5fb971841c6b18d17e73469136a7a59e", HUMAN,
                "Remove the legacy bastion host\n\nCo-authored-by: Amp <amp@ampcode.com>\n")),
        commitFixture("agent author", "Junie", Confidence.MEDIUM, "author",
            commit("62898dae974c63dc15792701e5a1fce4817b8e54", "Junie <junie@jetbrains.com>",
                "Add outputs for the cluster endpoint\n")),
        commitFixture("app author", "JetBrains AI", Confidence.HIGH, "author",
            commit("edd352bf26e54b12b5fe64580e47fbd2bd4f641c",
                "jetbrains-ai[bot] <220155983+jetbrains-ai[bot]@users.noreply.github.com>",
                "Fix the provider version constraint\n")),
        commitFixture("generated tests", "CodeRabbit", Confidence.HIGH, "author",
            commit("5af4630ab7d65ae313d55275fe468268391b5253",
                "coderabbitai[bot] <136622811+coderabbitai[bot]@users.noreply.github.com>",
                "📝 Add unit tests for the naming module\n")),
        commitFixture("app author", "Factory Droid", Confidence.HIGH, "author",
            commit("52d58f202b26bb496fa917d39502a1883f74bf68",
                "factory-droid[bot] <138933559+factory-droid[bot]@users.noreply.github.com>",
                "Replace the ALB listener certificate\n")),
        commitFixture("app author", "Kilo Code", Confidence.HIGH, "author",
            commit("8e8e8dafc05184ee760342c47e911dbec28a1ddb",
                "kilo-code-bot[bot] <240665456+kilo-code-bot[bot]@users.noreply.github.com>",
                "Update the Lambda runtime to nodejs22.x\n")),
        commitFixture("app author", "Continue", Confidence.HIGH, "author",
            commit("6d88987c0626a67c68a481f42d0a5eadb65b843b",
                "continue[bot] <230936708+continue[bot]@users.noreply.github.com>",
                "Rename the ECS service\n")),
        commitFixture("app author", "Sourcegraph Cody", Confidence.HIGH, "author",
            commit("2f2fe7b1909e5be7f5d3485b2fb340ab30154faa",
                "sourcegraph-cody[bot] <201248094+sourcegraph-cody[bot]@users.noreply.github.com>",
                "Fix the KMS key policy\n")),
        envFixture("opencode shell", "opencode", Confidence.MEDIUM,
            Map.of("OPENCODE", "1", "AGENT", "opencode")),
        envFixture("Augment shell", "Augment", Confidence.MEDIUM, Map.of("AUGMENT_AGENT", "1")),
        envFixture("Goose shell", "Goose", Confidence.MEDIUM, Map.of("AGENT", "goose")),
        envFixture("Crush shell", "Crush", Confidence.MEDIUM, Map.of("AGENT", "crush")),
        commitFixture("note without readable metadata", "git-ai", Confidence.MEDIUM, "note",
            Commits.commit("61f9ac42affd24032944024a97a067f7499eaacc", HUMAN, HUMAN,
                "Add the backup vault\n", "infra/backup.tf\n  a1b2c3d4e5f60718 1-24\n")),
        commitFixture("kernel-style disclosure", "Declared AI assistance", Confidence.MEDIUM,
            "trailer",
            commit("5f2c17ddea6fb30e8b929692efffa56eaca4b9f1", HUMAN,
                "net: fix refcount leak in the tunnel teardown path\n\n"
                    + "The error path returned without dropping the device reference.\n\n"
                    + "Assisted-by: Claude:claude-3-opus coccinelle sparse\n"
                    + "Signed-off-by: Dana Whitfield <dana.whitfield@example.org>\n")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void detectsTheAgent(Fixture f) {
    Signal strongest;
    if (f.commit() != null) {
      CommitAuthorship result = DETECTOR.commit(f.commit());
      assertThat(result.ai()).as("ai").isTrue();
      assertThat(result.agent()).isEqualTo(f.agent());
      assertThat(result.sha()).isEqualTo(f.commit().sha());
      strongest = result.signals().get(0);
    } else {
      Authorship result = DETECTOR.assess(null, f.branch(), f.env(), "Run outside a checkout.");
      assertThat(result.aiInvolved()).as("aiInvolved").isTrue();
      strongest = result.signals().get(0);
    }
    assertThat(strongest.agent()).isEqualTo(f.agent());
    assertThat(strongest.confidence()).isEqualTo(f.confidence());
    assertThat(strongest.kind()).isEqualTo(f.kind());
    assertThat(strongest.evidence()).isNotBlank();
  }

  @Test
  void everyAgentOfTheCatalogueHasAFixture() {
    Set<String> covered = fixtures().map(Fixture::agent).collect(Collectors.toSet());
    assertThat(new TreeSet<>(covered)).isEqualTo(new TreeSet<>(CATALOG.agents()));
  }

  @Test
  void agentsThatLeaveNothingInGitAreExactlyTheEnvironmentOnlyOnes() {
    List<String> envOnly = fixtures().filter(f -> f.commit() == null).map(Fixture::agent)
        .toList();
    for (String agent : envOnly) {
      assertThat(CATALOG.rules().stream().filter(r -> r.agent().equals(agent))
          .map(SignalRule::where))
          .as(agent + " has no commit rule, so its fixture is an environment")
          .allMatch(w -> w == SignalRule.Where.ENVIRONMENT || w == SignalRule.Where.BRANCH);
    }
  }
}
