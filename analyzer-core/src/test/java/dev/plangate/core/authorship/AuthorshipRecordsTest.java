package dev.plangate.core.authorship;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the renderers read off the authorship records: who, where, which commits. */
class AuthorshipRecordsTest {
  private static final String SHA = "3788ab108c39750a33c7c24baf04568e6e4729a1";

  private static Attribution attribution(String agent, int line, String change) {
    return new Attribution(SHA, "Dana <dana@example.org>", agent, agent != null, "infra/main.tf",
        line, change);
  }

  @Test
  void anAttributionNamesTheAgentElseTheAuthor() {
    assertThat(attribution("Claude Code", 3, "removed module \"env\"").by())
        .isEqualTo("Claude Code");
    assertThat(attribution(null, 3, "removed module \"env\"").by())
        .isEqualTo("Dana <dana@example.org>");
  }

  @Test
  void anAttributionPointsAtTheLineOnlyWhenItIsKnown() {
    assertThat(attribution(null, 1, "changed the file").where()).isEqualTo("infra/main.tf:1");
    assertThat(attribution(null, 0, "changed the file").where()).isEqualTo("infra/main.tf");
    assertThat(attribution(null, 0, "changed the file").shortSha()).isEqualTo("3788ab1");
  }

  @Test
  void onlyARemovedOrRenamedBlockRemovesTheBlock() {
    assertThat(attribution(null, 3, "removed module \"env\"").removesBlock()).isTrue();
    assertThat(attribution(null, 3, "renamed resource \"a\" \"b\" to \"c\"").removesBlock())
        .isTrue();
    assertThat(attribution(null, 3, "changed the file").removesBlock()).isFalse();
  }

  @Test
  void confidenceIdsAreLowerCaseAndOnlyLowDecidesNothing() {
    assertThat(Confidence.HIGH.id()).isEqualTo("high");
    assertThat(Confidence.MEDIUM.id()).isEqualTo("medium");
    assertThat(Confidence.LOW.id()).isEqualTo("low");
    assertThat(Confidence.MEDIUM.decides()).isTrue();
    assertThat(Confidence.LOW.decides()).isFalse();
  }

  @Test
  void aiCommitsAreTheCommitsMarkedAiInOrder() {
    CommitAuthorship human = new CommitAuthorship(SHA, "Dana <dana@example.org>", "one", false,
        null, List.of());
    CommitAuthorship ai = new CommitAuthorship("a".repeat(40), "Dana <dana@example.org>", "two",
        true, "Claude Code", List.of(new Signal("trailer", "x", Confidence.MEDIUM,
            "Claude Code")));
    Authorship a = new Authorship(true, List.of(human, ai), List.of(), List.of());
    assertThat(a.aiCommits()).containsExactly(ai);
    assertThat(ai.shortSha()).isEqualTo("aaaaaaa");
    assertThat(Authorship.unknown("no range").aiInvolved()).isNull();
    assertThat(Authorship.unknown("no range").notes()).containsExactly("no range");
  }
}
