package dev.plangate.github;

import static dev.plangate.github.testing.GitHubFixtures.ALICE;
import static dev.plangate.github.testing.GitHubFixtures.APPROVAL_LABEL;
import static dev.plangate.github.testing.GitHubFixtures.BOB;
import static dev.plangate.github.testing.GitHubFixtures.CAROL;
import static dev.plangate.github.testing.GitHubFixtures.COPILOT;
import static dev.plangate.github.testing.GitHubFixtures.GITHUB_ACTIONS;
import static dev.plangate.github.testing.GitHubFixtures.GITHUB_ACTIONS_APP;
import static dev.plangate.github.testing.GitHubFixtures.HEAD_SHA;
import static dev.plangate.github.testing.GitHubFixtures.WEB_FLOW;
import static dev.plangate.github.testing.GitHubFixtures.commit;
import static dev.plangate.github.testing.GitHubFixtures.headRefForcePushed;
import static dev.plangate.github.testing.GitHubFixtures.labeled;
import static dev.plangate.github.testing.GitHubFixtures.labeledEvent;
import static dev.plangate.github.testing.GitHubFixtures.permission;
import static dev.plangate.github.testing.GitHubFixtures.pullRequest;
import static dev.plangate.github.testing.GitHubFixtures.review;
import static dev.plangate.github.testing.GitHubFixtures.reviewed;
import static dev.plangate.github.testing.GitHubFixtures.unlabeled;
import static dev.plangate.github.testing.GitHubFixtures.viaApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.testing.CorpusTest;
import dev.plangate.core.testing.SharedCorpus;
import dev.plangate.github.testing.GitHubFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fixtures have every field, with the same JSON type, that the recorded examples in the
 * shared notes (github-approval.md) have: code tested against them sees GitHub's real shape.
 */
@CorpusTest
class GitHubFixturesShapeTest {
  static List<JsonNode> notes;

  @BeforeAll
  static void readNotes() throws Exception {
    Path file = SharedCorpus.root().resolve("notes/github-approval.md");
    assumeTrue(Files.isRegularFile(file), "shared notes not found at " + file);
    String md = Files.readString(file);
    Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(md);
    notes = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    while (m.find()) {
      notes.add(mapper.readTree(m.group(1)));
    }
    assertThat(notes).as("JSON examples in github-approval.md").hasSize(5);
  }

  /** Every path of {@code expected} exists in {@code actual} with the same node type. */
  static List<String> missing(JsonNode expected, JsonNode actual, String at) {
    List<String> problems = new ArrayList<>();
    if (actual == null || actual.isMissingNode()) {
      problems.add(at + " is missing");
      return problems;
    }
    if (expected.isNull()) {
      return problems; // nullable: any value will do
    }
    if (expected.getNodeType() != actual.getNodeType()) {
      problems.add(at + " is " + actual.getNodeType() + ", GitHub sends " + expected.getNodeType());
      return problems;
    }
    if (expected.isObject()) {
      for (Map.Entry<String, JsonNode> f : expected.properties()) {
        problems.addAll(missing(f.getValue(), actual.get(f.getKey()), at + "." + f.getKey()));
      }
    } else if (expected.isArray() && !expected.isEmpty()) {
      if (actual.isEmpty()) {
        problems.add(at + " is empty");
      } else {
        for (int i = 0; i < expected.size(); i++) {
          problems.addAll(missing(expected.get(i), actual.get(Math.min(i, actual.size() - 1)),
              at + "[" + i + "]"));
        }
      }
    }
    return problems;
  }

  @Test
  void theLabeledEventHasTheRecordedShape() {
    ObjectNode pr = pullRequest(42).author(COPILOT).headRef("copilot/remove-legacy-vpc")
        .commits(3).build();
    ObjectNode event = labeledEvent(pr, APPROVAL_LABEL, ALICE);

    assertThat(missing(notes.get(0), event, "event")).isEmpty();
    assertThat(event.at("/label/id").asLong()).isEqualTo(notes.get(0).at("/label/id").asLong());
    assertThat(event.at("/pull_request/labels/0/name").asText()).isEqualTo(APPROVAL_LABEL);
    assertThat(event.at("/pull_request/head/sha").asText())
        .isEqualTo(notes.get(0).at("/pull_request/head/sha").asText());
    assertThat(event.at("/pull_request/user/html_url").asText())
        .isEqualTo("https://github.com/apps/copilot-swe-agent");
    assertThat(event.at("/pull_request/user/type").asText()).isEqualTo("Bot");
  }

  @Test
  void aPullRequestCommitHasTheRecordedShape() {
    ObjectNode c = commit(HEAD_SHA).by(COPILOT).signed()
        .message("Remove legacy VPC\n\nCo-authored-by: alice <1001+alice@users.noreply.github.com>")
        .build();

    assertThat(missing(notes.get(1), c, "commit")).isEmpty();
    assertThat(c.at("/commit/author/name").asText()).isEqualTo("copilot-swe-agent[bot]");
    assertThat(c.at("/commit/author/email").asText())
        .isEqualTo(notes.get(1).at("/commit/author/email").asText());
    assertThat(c.at("/committer/login").asText()).isEqualTo(WEB_FLOW.login());
    assertThat(commit(HEAD_SHA).authorAccount(null).build().get("author").isNull()).isTrue();
    assertThat(commit(HEAD_SHA).build().at("/commit/verification/reason").asText())
        .isEqualTo("unsigned");
  }

  @Test
  void timelineEventsHaveTheRecordedShapes() {
    JsonNode recorded = notes.get(2);
    List<JsonNode> ours = List.of(
        commit(HEAD_SHA).by(COPILOT).signed().timelineEvent(),
        labeled(9001, ALICE, APPROVAL_LABEL, "2026-05-01T12:34:56Z"),
        viaApp(unlabeled(9002, GITHUB_ACTIONS, APPROVAL_LABEL, "2026-05-01T13:00:00Z"),
            GITHUB_ACTIONS_APP),
        headRefForcePushed(9003, COPILOT, "2026-05-01T13:05:00Z"),
        reviewed(80, BOB, "approved", HEAD_SHA, "2026-05-01T13:10:00Z"));

    for (int i = 0; i < ours.size(); i++) {
      assertThat(missing(recorded.get(i), ours.get(i), "timeline[" + i + "]")).isEmpty();
      assertThat(ours.get(i).get("event")).isEqualTo(recorded.get(i).get("event"));
    }
    assertThat(ours.get(0).has("actor")).isFalse();
    assertThat(ours.get(0).has("created_at")).isFalse();
    assertThat(ours.get(1).get("performed_via_github_app").isNull()).isTrue();
    assertThat(ours.get(2).at("/performed_via_github_app/slug").asText())
        .isEqualTo("github-actions");
  }

  @Test
  void permissionsHaveTheRecordedShapeAndMapping() {
    ObjectNode maintain = permission(ALICE, "maintain");

    assertThat(missing(notes.get(3), maintain, "permission")).isEmpty();
    assertThat(maintain.at("/user/permissions")).isEqualTo(notes.get(3).at("/user/permissions"));
    assertThat(maintain.get("permission").asText()).isEqualTo("write");
    ObjectNode triage = permission(CAROL, "triage");
    assertThat(triage.get("permission").asText()).isEqualTo("read");
    assertThat(triage.get("role_name").asText()).isEqualTo("triage");
    assertThat(triage.at("/user/permissions/triage").asBoolean()).isTrue();
    assertThat(triage.at("/user/permissions/push").asBoolean()).isFalse();
    assertThat(permission(BOB, "admin").get("permission").asText()).isEqualTo("admin");
  }

  @Test
  void reviewsHaveTheRecordedShape() {
    List<JsonNode> reviews = List.of(review(80, BOB, "APPROVED", HEAD_SHA,
        "2026-05-01T13:10:00Z"));

    assertThat(missing(notes.get(4).get(0), reviews.get(0), "review")).isEmpty();
    assertThat(reviews.get(0).get("state").asText()).isEqualTo("APPROVED");
  }

  @Test
  void eventPayloadsFollowTheirActions() {
    ObjectNode pr = pullRequest(42).labels(APPROVAL_LABEL, "terraform").build();

    ObjectNode unlabeled = GitHubFixtures.unlabeledEvent(pr, APPROVAL_LABEL, ALICE);
    ObjectNode sync = GitHubFixtures.synchronizeEvent(pr, HEAD_SHA, "aaaa", COPILOT);
    ObjectNode fork = pullRequest(7).fromFork("mallory/infra").build();

    assertThat(unlabeled.at("/pull_request/labels")).extracting(l -> l.get("name").asText())
        .containsExactly("terraform");
    assertThat(unlabeled.at("/label/name").asText()).isEqualTo(APPROVAL_LABEL);
    assertThat(sync.get("before").asText()).isEqualTo(HEAD_SHA);
    assertThat(sync.at("/pull_request/head/sha").asText()).isEqualTo("aaaa");
    assertThat(sync.at("/sender/login").asText()).isEqualTo("Copilot");
    assertThat(pr.at("/labels").size()).isEqualTo(2);
    assertThat(fork.at("/head/repo/full_name").asText()).isEqualTo("mallory/infra");
    assertThat(fork.at("/head/repo/fork").asBoolean()).isTrue();
    assertThat(fork.at("/base/repo/full_name").asText()).isEqualTo("acme/infra");
  }
}
