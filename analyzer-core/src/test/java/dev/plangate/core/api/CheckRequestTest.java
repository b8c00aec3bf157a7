package dev.plangate.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.authorship.PlatformSignals;
import dev.plangate.core.gate.Approver;
import dev.plangate.core.gate.ApprovalRoute;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.source.Vocabulary;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a request means when a front end leaves something out, and what each setter sets. */
class CheckRequestTest {
  @Test
  void whatIsLeftOutMeansNoneNotSomethingElse() {
    LocalDate before = LocalDate.now();
    CheckRequest r = new CheckRequest(List.of(Path.of("plan.json")), Policy.defaults(), null,
        null, null, Map.of(), null, null, null, null, null, null);

    assertThat(r.commits().isNone()).isTrue();
    assertThat(r.approver()).isSameAs(Approver.NONE);
    assertThat(r.today()).isBetween(before, LocalDate.now());
    assertThat(r.extras()).isEqualTo(PlanExtras.none());
    assertThat(r.platform()).isEqualTo(PlatformSignals.none());
    assertThat(r.vocabulary()).isSameAs(Vocabulary.CLI);
    assertThatThrownBy(() -> new CheckRequest(List.of(), null, null, null, null, Map.of(), null,
        null, null, null, null, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("policy");
  }

  @Test
  void everySetterReachesTheRequest() {
    Approver approver = Approver.none(ApprovalRoute.NO_PULL_REQUEST);
    Vocabulary maven = new Vocabulary("plans", "templates", "templateBefore", "templateAfter",
        "cdkOut", "cdkOutBase", "base");
    PlanExtras extras = new PlanExtras(Path.of("export.json"), List.of(), null, null, null,
        null);
    PlatformSignals platform = PlatformSignals.none();
    Policy policy = Policy.defaults().withApprovalLabel("ops/approve");

    CheckRequest r = CheckRequest.builder(List.of(Path.of("a.json"), Path.of("b.json")))
        .policy(policy).commits(Path.of("repo"), CommitSelection.between("main", "HEAD"))
        .branch("claude/fix").environment(Map.of("CLAUDECODE", "1")).moduleDir("infra")
        .approver(approver).today(LocalDate.of(2026, 1, 2)).extras(extras).platform(platform)
        .vocabulary(maven).build();

    assertThat(r.plans()).containsExactly(Path.of("a.json"), Path.of("b.json"));
    assertThat(r.policy()).isSameAs(policy);
    assertThat(r.repository()).isEqualTo(Path.of("repo"));
    assertThat(r.commits()).isEqualTo(CommitSelection.between("main", "HEAD"));
    assertThat(r.branch()).isEqualTo("claude/fix");
    assertThat(r.environment()).containsExactly(Map.entry("CLAUDECODE", "1"));
    assertThat(r.moduleDir()).isEqualTo("infra");
    assertThat(r.approver()).isSameAs(approver);
    assertThat(r.today()).isEqualTo(LocalDate.of(2026, 1, 2));
    assertThat(r.extras()).isEqualTo(extras);
    assertThat(r.platform()).isSameAs(platform);
    assertThat(r.vocabulary()).isSameAs(maven);

    CheckRequest plain = CheckRequest.plansOnly(List.of(Path.of("a.json")));
    assertThat(plain.repository()).isNull();
    assertThat(plain.commits().isNone()).isTrue();
    assertThat(plain.policy()).usingRecursiveComparison().isEqualTo(Policy.defaults());
  }
}
