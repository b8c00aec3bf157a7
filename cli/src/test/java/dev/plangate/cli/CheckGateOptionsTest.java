package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.testing.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plangate check} with a commit range and a policy file. */
class CheckGateOptionsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  GitFixture aiDestroy() {
    GitFixture git = PushScenarios.clone(tmp);
    PushScenarios.removeDatabase(git);
    git.commit("Remove database\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n");
    PushScenarios.plan(git, "destroy-plan.json");
    return git;
  }

  CliRun check(GitFixture git, String... extra) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("check", "--plan",
        git.dir().resolve("plan.json").toString(), "--repo", git.dir().toString()));
    args.addAll(java.util.List.of(extra));
    return CliRun.run(args.toArray(String[]::new));
  }

  @Test
  void aRangeWithAnAiCommitNamesItInEveryFormat() throws IOException {
    GitFixture git = aiDestroy();
    String sha = git.head();

    CliRun text = check(git, "--base", "HEAD~1");
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.firstOutLine()).isEqualTo("✖ plangate: approval required — an AI-authored"
        + " change destroys 1 resource");
    assertThat(text.out()).contains("Why AI:  " + sha.substring(0, 7));

    CliRun md = check(git, "--base", "HEAD~1", "--format", "markdown");
    assertThat(md.out()).containsPattern("\\*\\*Caused by\\*\\*\\s+(- )?<code>"
        + sha.substring(0, 7) + "</code>")
        .contains("(fingerprint `").doesNotContain("have a maintainer with write access add");

    CliRun json = check(git, "--base", "HEAD~1", "--format", "json");
    JsonNode root = JSON.readTree(json.out());
    assertThat(root.get("decision").asText()).isEqualTo("approval_required");
    assertThat(root.get("fingerprint").asText()).matches("[0-9a-f]{16}");
    assertThat(text.out()).contains("fingerprint " + root.get("fingerprint").asText());
    JsonNode authorship = root.get("authorship");
    assertThat(authorship.get("aiInvolved").asBoolean()).isTrue();
    JsonNode commit = authorship.get("commits").get(0);
    assertThat(commit.get("sha").asText()).isEqualTo(sha);
    assertThat(commit.get("ai").asBoolean()).isTrue();
    assertThat(commit.get("agent").asText()).isEqualTo("Claude Code");
    assertThat(commit.get("signals").get(0).get("kind").asText()).isEqualTo("trailer");
    assertThat(commit.get("signals").get(0).get("evidence").asText())
        .isEqualTo("Co-Authored-By: Claude <noreply@anthropic.com>");
    JsonNode finding = root.get("findings").get(0);
    assertThat(finding.get("verdict").asText()).isEqualTo("approval_required");
    JsonNode attribution = finding.get("attribution").get(0);
    assertThat(attribution.get("sha").asText()).isEqualTo(sha);
    assertThat(attribution.get("file").asText()).isEqualTo("main.tf");
    assertThat(attribution.get("line").asInt()).isEqualTo(1);
  }

  @Test
  void theFingerprintIsPrintedInEveryFormatPassOrFail() throws IOException {
    GitFixture git = aiDestroy();
    for (String plan : new String[] {"destroy-plan.json", "update-plan.json"}) {
      PushScenarios.plan(git, plan);
      String fp = JSON.readTree(check(git, "--base", "HEAD~1", "--format", "json").out())
          .get("fingerprint").asText();
      assertThat(fp).matches("[0-9a-f]{16}");
      assertThat(check(git, "--base", "HEAD~1").out()).as(plan).contains(fp);
      assertThat(check(git, "--base", "HEAD~1", "--format", "markdown").out()).as(plan)
          .contains("`" + fp + "`");
    }
  }

  @Test
  void theRepositoryPolicyIsReadFromTheRoot() {
    GitFixture git = aiDestroy();
    git.write(".plangate.yml", "plans: [plan.json]\nprotect:\n  - type: terraform_data\n"
        + "    reason: nothing here is disposable\n");
    CliRun r = check(git, "--base", "HEAD~1");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.firstOutLine()).isEqualTo("✖ plangate: blocked — the change destroys protected"
        + " resource terraform_data.database");
    assertThat(r.out()).contains("[protected]").contains("nothing here is disposable");
  }

  @Test
  void anExplicitPolicyMustExist() {
    GitFixture git = aiDestroy();
    CliRun r = check(git, "--policy", tmp.resolve("missing.yml").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("missing.yml");
  }

  @Test
  void malformedYamlIsAnErrorWithLineAndColumn() throws IOException {
    GitFixture git = aiDestroy();
    Path policy = Files.writeString(tmp.resolve("bad.yml"), "approval:\n  label: \"open\n");
    CliRun r = check(git, "--policy", policy.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).containsPattern("bad\\.yml:\\d+:\\d+: ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void anUnknownKeyIsAnErrorWithLineColumnAndSuggestion() throws IOException {
    GitFixture git = aiDestroy();
    Path policy = Files.writeString(tmp.resolve("typo.yml"), "approval:\n  lable: x\n");
    CliRun r = check(git, "--policy", policy.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines().get(0)).startsWith("plangate: error: ").endsWith("typo.yml is not a"
        + " valid plangate policy (1 error):");
    assertThat(r.errLines().get(1)).endsWith("typo.yml:2:3: unknown key \"lable\" in"
        + " \"approval\" (did you mean \"label\"?)");
  }

  @Test
  void aBillionLaughsPolicyIsRefusedQuickly() throws IOException {
    GitFixture git = aiDestroy();
    StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      char p = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p)
          .append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
    }
    Path policy = Files.writeString(tmp.resolve("lol.yml"), yaml);
    long t0 = System.nanoTime();
    CliRun r = check(git, "--policy", policy.toString());
    assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).containsPattern("lol\\.yml:\\d+:\\d+: ").contains("alias");
  }

  @Test
  void aModuleDirectoryOutsideTheRepositoryIsAnInputError() {
    GitFixture git = aiDestroy();
    CliRun r = check(git, "--base", "HEAD~1", "--module-dir", "../elsewhere");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().startsWith("plangate: error: ")
        .contains("../elsewhere").doesNotContain("internal error");
  }

  @Test
  void aBaseThatDoesNotExistIsAnError() {
    GitFixture git = aiDestroy();
    CliRun r = check(git, "--base", "origin/nope");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("origin/nope");
  }

  @Test
  void aBaseOutsideAnyRepositoryIsAnError() throws IOException {
    Path plan = Files.copy(PushScenarios.EXAMPLE.resolve("destroy-plan.json"),
        tmp.resolve("plan.json"));
    CliRun r = CliRun.run("check", "--plan", plan.toString(), "--repo", tmp.toString(),
        "--base", "main");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("not a git repository");
  }
}
