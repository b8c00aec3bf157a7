package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.SignalRule;
import dev.plangate.core.authorship.SignalRule.Where;
import dev.plangate.core.impact.FindingAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every documented key, read into the {@link Policy} record; defaults; finding the file. */
class PolicyLoaderTest {

  static Policy parse(String yaml) throws PolicyException {
    return PolicyLoader.parse(yaml, ".plangate.yml");
  }

  @Test
  void emptyTextAndCommentsOnlyGiveTheDefaults() throws Exception {
    for (String empty : List.of("", "\n", "# nothing yet\n", "---\n", "~\n")) {
      Policy p = parse(empty);
      Policy d = Policy.defaults();
      assertThat(p.source()).isEqualTo(".plangate.yml");
      assertThat(p).usingRecursiveComparison().ignoringFields("source", "origin").isEqualTo(d);
    }
  }

  @Test
  void defaultsAreDocumented() {
    Policy d = Policy.defaults();
    assertThat(d.approvalActions()).containsExactlyInAnyOrder(FindingAction.DELETE,
        FindingAction.REPLACE);
    assertThat(d.approvalLabel()).isEqualTo("plangate/approve-destroy");
    assertThat(d.humanOnly()).isEqualTo(HumanOnly.WARN);
    assertThat(d.unknownAuthorshipIsAi()).isTrue();
    assertThat(d.protect()).isEmpty();
    assertThat(d.waivers()).isEmpty();
    assertThat(d.signals()).isEmpty();
    assertThat(d.criticality()).isEmpty();
    assertThat(d.plans()).isEmpty();
    assertThat(d.planCommand()).isNull();
  }

  @Test
  void versionOneIsAccepted() throws Exception {
    assertThat(parse("version: 1\n")).usingRecursiveComparison().ignoringFields("source", "origin")
        .isEqualTo(Policy.defaults());
  }

  @Test
  void approval() throws Exception {
    Policy p = parse("approval:\n  actions: [forget, delete]\n  label: ops/approve\n");
    assertThat(p.approvalActions()).containsExactlyInAnyOrder(FindingAction.FORGET,
        FindingAction.DELETE);
    assertThat(p.approvalLabel()).isEqualTo("ops/approve");

    Policy none = parse("approval:\n  actions: []\n");
    assertThat(none.approvalActions()).isEmpty();
    assertThat(none.approvalLabel()).isEqualTo(Policy.DEFAULT_LABEL);

    Policy labelOnly = parse("approval: {label: x}\n");
    assertThat(labelOnly.approvalActions()).containsExactlyInAnyOrder(FindingAction.DELETE,
        FindingAction.REPLACE);
  }

  @Test
  void approversDefaultToOneAndCriticalApproversToApprovers() throws PolicyException {
    Policy d = parse("approval: {label: x}\n");
    assertThat(d.approversFor(false)).isEqualTo(1);
    assertThat(d.approversFor(true)).isEqualTo(1);

    Policy twoPerson = parse("approval:\n  criticalApprovers: 2\n");
    assertThat(twoPerson.approversFor(false)).isEqualTo(1);
    assertThat(twoPerson.approversFor(true)).isEqualTo(2);

    Policy both = parse("approval:\n  approvers: 2\n");
    assertThat(both.approversFor(true)).isEqualTo(2);

    assertThatThrownBy(() -> parse("approval:\n  approvers: 0\n"))
        .isInstanceOf(PolicyException.class).hasMessageContaining("approvers");
    assertThatThrownBy(() -> parse("approval:\n  criticalApprovers: two\n"))
        .isInstanceOf(PolicyException.class).hasMessageContaining("criticalApprovers");
  }

  @Test
  void humanOnlyAndUnknownAuthorship() throws Exception {
    assertThat(parse("humanOnly: pass\n").humanOnly()).isEqualTo(HumanOnly.PASS);
    assertThat(parse("humanOnly: require-approval\n").humanOnly())
        .isEqualTo(HumanOnly.REQUIRE_APPROVAL);
    assertThat(parse("humanOnly: warn\n").humanOnly()).isEqualTo(HumanOnly.WARN);
    assertThat(parse("unknownAuthorship: human\n").unknownAuthorshipIsAi()).isFalse();
    assertThat(parse("unknownAuthorship: ai\n").unknownAuthorshipIsAi()).isTrue();
  }

  @Test
  void protect() throws Exception {
    Policy p = parse("""
        protect:
          - type: "aws_db_*"
            address: "module.prod.**"
            actions: [delete]
            reason: "production databases"
          - address: aws_s3_bucket.logs["audit"]
        """);
    assertThat(p.protect()).hasSize(2);
    ProtectRule first = p.protect().get(0);
    assertThat(first.type().pattern()).isEqualTo("aws_db_*");
    assertThat(first.address().pattern()).isEqualTo("module.prod.**");
    assertThat(first.actions()).containsExactly(FindingAction.DELETE);
    assertThat(first.reason()).isEqualTo("production databases");
    assertThat(first.line()).isEqualTo(2);
    ProtectRule second = p.protect().get(1);
    assertThat(second.type()).isNull();
    assertThat(second.address().matches("aws_s3_bucket.logs[\"audit\"]")).isTrue();
    assertThat(second.actions()).containsExactlyInAnyOrder(FindingAction.DELETE,
        FindingAction.REPLACE);
    assertThat(second.reason()).isNull();
    assertThat(second.line()).isEqualTo(6);
  }

  @Test
  void waivers() throws Exception {
    Policy p = parse("""
        waivers:
          - address: "terraform_data.scratch"
            actions: [delete]
            reason: "scratch data is recreated nightly (OPS-123)"
            expires: 2026-12-31
          - address: "module.tmp.**"
            reason: quoted date
            expires: "2027-01-05"
        """);
    Waiver w = p.waivers().get(0);
    assertThat(w.address().pattern()).isEqualTo("terraform_data.scratch");
    assertThat(w.actions()).containsExactly(FindingAction.DELETE);
    assertThat(w.reason()).isEqualTo("scratch data is recreated nightly (OPS-123)");
    assertThat(w.expires()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(w.line()).isEqualTo(2);
    assertThat(w.expiredOn(LocalDate.of(2026, 12, 31))).isFalse();
    assertThat(w.expiredOn(LocalDate.of(2027, 1, 1))).isTrue();
    Waiver all = p.waivers().get(1);
    assertThat(all.actions()).isEqualTo(Set.of(FindingAction.values()));
    assertThat(all.expires()).isEqualTo(LocalDate.of(2027, 1, 5));
  }

  @Test
  void signalsOfEveryKind() throws Exception {
    Policy p = parse("""
        signals:
          - agent: "Acme Agent"
            trailer: "Acme-Agent"
            value: "^yes$"
            confidence: high
          - agent: Acme
            trailer: Acme-Session
          - agent: Acme
            email: "Bot+1@acme.example"
          - agent: Acme
            name: '.*\\(acme\\)'
          - agent: Acme
            message: '^Generated by Acme'
            confidence: low
          - agent: Acme
            branchPrefix: "acme/"
          - agent: Acme
            env: ACME_AGENT
            value: "1"
        """);
    List<SignalRule> s = p.signals();
    assertThat(s).hasSize(7);

    assertThat(s.get(0).agent()).isEqualTo("Acme Agent");
    assertThat(s.get(0).where()).isEqualTo(Where.TRAILER);
    assertThat(s.get(0).key()).isEqualTo("Acme-Agent");
    assertThat(s.get(0).pattern().pattern()).isEqualTo("^yes$");
    assertThat(s.get(0).confidence()).isEqualTo(Confidence.HIGH);

    assertThat(s.get(1).pattern()).isNull();
    assertThat(s.get(1).confidence()).isEqualTo(Confidence.MEDIUM);

    SignalRule email = s.get(2);
    assertThat(email.where()).isEqualTo(Where.EMAIL);
    assertThat(email.key()).isNull();
    assertThat(email.pattern().matcher("bot+1@ACME.example").matches()).isTrue();
    assertThat(email.pattern().matcher("botx1@acme.example").matches()).isFalse();
    assertThat(email.pattern().matcher("xbot+1@acme.example").matches()).isFalse();

    SignalRule name = s.get(3);
    assertThat(name.where()).isEqualTo(Where.NAME);
    assertThat(name.pattern().matcher("Jane (ACME)").matches()).isTrue();

    SignalRule message = s.get(4);
    assertThat(message.where()).isEqualTo(Where.MESSAGE);
    assertThat(message.pattern().matcher("Fix it\n\nGenerated by Acme 2").find()).isTrue();
    assertThat(message.confidence()).isEqualTo(Confidence.LOW);

    assertThat(s.get(5).where()).isEqualTo(Where.BRANCH);
    assertThat(s.get(5).key()).isEqualTo("acme/");
    assertThat(s.get(5).pattern()).isNull();

    assertThat(s.get(6).where()).isEqualTo(Where.ENVIRONMENT);
    assertThat(s.get(6).key()).isEqualTo("ACME_AGENT");
    assertThat(s.get(6).pattern().pattern()).isEqualTo("1");
  }

  @Test
  void criticality() throws Exception {
    Policy p = parse("""
        criticality:
          - type: "terraform_data"
            critical: true
            category: database
          - address: "module.sandbox.**"
            type: "aws_*"
            critical: false
        """);
    CriticalityOverride first = p.criticality().get(0);
    assertThat(first.type().pattern()).isEqualTo("terraform_data");
    assertThat(first.address()).isNull();
    assertThat(first.critical()).isTrue();
    assertThat(first.category()).isEqualTo("database");
    CriticalityOverride second = p.criticality().get(1);
    assertThat(second.address().pattern()).isEqualTo("module.sandbox.**");
    assertThat(second.type().pattern()).isEqualTo("aws_*");
    assertThat(second.critical()).isFalse();
    assertThat(second.category()).isNull();
  }

  @Test
  void plansAndPlanCommand() throws Exception {
    Policy p = parse("""
        plans:
          - "infra/**/plan.json"
          - "{staging,prod}/plan.json"
        planCommand: "make plan"
        """);
    assertThat(p.plans()).containsExactly("infra/**/plan.json", "{staging,prod}/plan.json");
    assertThat(p.planCommand()).isEqualTo("make plan");
  }

  @Test
  void theExampleFileReadsIntoEveryField() throws Exception {
    Path example = Path.of(System.getProperty("plangate.root", "..")).resolve(
        "docs/plangate.example.yml");
    if (!Files.exists(example)) {
      example = Path.of("../docs/plangate.example.yml");
    }
    Policy p = PolicyLoader.load(example);
    assertThat(p.source()).isEqualTo(example.toString());
    assertThat(p.approvalActions()).containsExactlyInAnyOrder(FindingAction.values());
    assertThat(p.protect()).hasSize(3);
    assertThat(p.waivers()).hasSize(1);
    assertThat(p.signals()).extracting(SignalRule::where).containsExactly(Where.TRAILER,
        Where.EMAIL, Where.NAME, Where.MESSAGE, Where.BRANCH, Where.ENVIRONMENT);
    assertThat(p.criticality()).hasSize(2);
    assertThat(p.plans()).hasSize(2);
    assertThat(p.planCommand()).isEqualTo("make plan");
  }

  // ---- find ------------------------------------------------------------------------------

  @Test
  void findWithoutAFileGivesTheDefaults(@TempDir Path repo) throws Exception {
    assertThat(PolicyLoader.find(repo, null)).isEqualTo(Policy.defaults());
  }

  @Test
  void findReadsEitherSpellingAndNamesItRelativeToTheRoot(@TempDir Path repo) throws Exception {
    Files.writeString(repo.resolve(".plangate.yml"), "humanOnly: pass\n");
    Policy p = PolicyLoader.find(repo, null);
    assertThat(p.humanOnly()).isEqualTo(HumanOnly.PASS);
    assertThat(p.source()).isEqualTo(".plangate.yml");

    Files.delete(repo.resolve(".plangate.yml"));
    Files.writeString(repo.resolve(".plangate.yaml"), "humanOnly: bad\n");
    assertThatThrownBy(() -> PolicyLoader.find(repo, null)).isInstanceOf(PolicyException.class)
        .hasMessageContaining(".plangate.yaml:1:12: \"humanOnly\" must be one of");
  }

  @Test
  void findRefusesBothSpellings(@TempDir Path repo) throws Exception {
    Files.writeString(repo.resolve(".plangate.yml"), "");
    Files.writeString(repo.resolve(".plangate.yaml"), "");
    assertThatThrownBy(() -> PolicyLoader.find(repo, null)).isInstanceOf(PolicyException.class)
        .hasMessageContaining("both .plangate.yml and .plangate.yaml exist");
  }

  @Test
  void findPrefersTheExplicitFileWhichMustExist(@TempDir Path repo) throws Exception {
    Files.writeString(repo.resolve(".plangate.yml"), "humanOnly: pass\n");
    Path explicit = repo.resolve("policies/strict.yml");
    assertThatThrownBy(() -> PolicyLoader.find(repo, explicit))
        .isInstanceOf(PolicyException.class)
        .hasMessage("policy file " + explicit + " does not exist");
    Files.createDirectories(explicit.getParent());
    Files.writeString(explicit, "humanOnly: require-approval\n");
    Policy p = PolicyLoader.find(repo, explicit);
    assertThat(p.humanOnly()).isEqualTo(HumanOnly.REQUIRE_APPROVAL);
    assertThat(p.source()).isEqualTo(explicit.toString());
  }

  @Test
  void aDanglingSymlinkIsAnErrorNotAMissingPolicy(@TempDir Path repo) throws Exception {
    try {
      Files.createSymbolicLink(repo.resolve(".plangate.yml"), repo.resolve("nowhere.yml"));
    } catch (UnsupportedOperationException | java.io.IOException e) {
      return; // no symlinks on this file system
    }
    assertThatThrownBy(() -> PolicyLoader.find(repo, null)).isInstanceOf(PolicyException.class)
        .hasMessageContaining("does not exist (a symbolic link to nothing)");
  }

  @Test
  void loadRejectsADirectoryAndAMissingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> PolicyLoader.load(dir)).hasMessageContaining("is a directory, not a regular file");
    assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("x.yml")))
        .hasMessageContaining("does not exist");
  }

  @Test
  void loadAcceptsAByteOrderMarkAndCrlf(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("p.yml");
    Files.write(f, "\uFEFFhumanOnly: pass\r\nunknownAuthorship: human\r\n"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Policy p = PolicyLoader.load(f);
    assertThat(p.humanOnly()).isEqualTo(HumanOnly.PASS);
    assertThat(p.unknownAuthorshipIsAi()).isFalse();
  }
}
