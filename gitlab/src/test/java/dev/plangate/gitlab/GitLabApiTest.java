package dev.plangate.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.gitlab.testing.FakeGitLab;
import dev.plangate.gitlab.testing.FakeGitLab.Answer;
import dev.plangate.gitlab.testing.GitLabFixtures;
import dev.plangate.platform.ApiException;
import dev.plangate.platform.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against hostile answers: every one fails closed with one line. */
class GitLabApiTest {
  static final String TOKEN = "glpat-very-secret-0001";
  final FakeGitLab gitlab = FakeGitLab.start();
  final List<String> log = new ArrayList<>();
  final GitLabApi api = new GitLabApi(gitlab.apiUrl(), TOKEN,
      RetryPolicy.defaults().withTime(d -> { }, java.time.Clock.systemUTC()).withLog(log::add));

  @AfterEach
  void stop() {
    gitlab.close();
  }

  @Test
  void followsXNextPageAndSendsThePrivateToken() throws Exception {
    List<JsonNode> items = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      items.add(GitLabFixtures.JSON.createObjectNode().put("id", i));
    }
    gitlab.list("/things", items, 2);
    assertThat(api.getAll("/things")).hasSize(5);
    assertThat(gitlab.requests()).hasSize(3).allSatisfy(r -> assertThat(r.token())
        .isEqualTo(TOKEN));
  }

  @Test
  void followsXNextPageWithoutALinkHeader() throws Exception {
    gitlab.on("GET", "/plain", new Answer(200, "[1,2]", Map.of("X-Next-Page", "2")),
        new Answer(200, "[3]", Map.of("X-Next-Page", "")));
    assertThat(api.getAll("/plain")).hasSize(3);
    assertThat(gitlab.requests().get(1).query()).contains("page=2");
  }

  @Test
  void aPaginationLoopFails() {
    gitlab.on("GET", "/loop", new Answer(200, "[1]", Map.of("X-Next-Page", "1")));
    assertThatThrownBy(() -> api.getAll("/loop")).isInstanceOf(ApiException.class)
        .hasMessageContaining("loop");
  }

  @Test
  void aNextLinkToAnotherHostIsRefused() {
    gitlab.on("GET", "/evil", new Answer(200, "[1]", Map.of("Link",
        "<https://evil.example/api/v4/evil?page=2>; rel=\"next\"")));
    assertThatThrownBy(() -> api.getAll("/evil")).hasMessageContaining("refusing")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void retriesA5xxThenSucceeds() throws Exception {
    gitlab.on("GET", "/flaky", Answer.status(502, "bad gateway"), Answer.status(500, ""),
        Answer.json(GitLabFixtures.JSON.createObjectNode().put("ok", true)));
    assertThat(api.get("/flaky").path("ok").asBoolean()).isTrue();
    assertThat(log).hasSize(2);
  }

  @Test
  void aPersistent5xxFailsAfterBoundedAttempts() {
    gitlab.on("GET", "/down", Answer.status(503, "{\"message\":\"" + TOKEN + "\"}"));
    assertThatThrownBy(() -> api.get("/down")).isInstanceOf(ApiException.class)
        .hasMessageContaining("HTTP 503").hasMessageContaining("after 5 attempts")
        .hasMessageNotContaining(TOKEN);
    assertThat(gitlab.requests()).hasSize(5);
  }

  @Test
  void aPostIsNotRetriedAfterA5xx() {
    gitlab.on("POST", "/notes", Answer.status(502, ""));
    assertThatThrownBy(() -> api.post("/notes", GitLabFixtures.JSON.createObjectNode()))
        .hasMessageContaining("not retried");
    assertThat(gitlab.requests()).hasSize(1);
  }

  @Test
  void aRateLimitedPostIsRetriedAfterRetryAfterBecauseGitLabDidNothing() throws Exception {
    gitlab.on("POST", "/notes", new Answer(429, "{\"message\":\"429 Too Many Requests\"}",
        Map.of("Retry-After", "3")), Answer.json(GitLabFixtures.JSON.createObjectNode()
        .put("id", 9)));
    assertThat(api.post("/notes", GitLabFixtures.JSON.createObjectNode()).path("id").asInt())
        .isEqualTo(9);
    assertThat(gitlab.requests()).hasSize(2);
    assertThat(log).singleElement().asString().startsWith("GitLab API POST /notes: HTTP 429")
        .contains("retrying in 3 s");
  }

  @Test
  void anUnauthorizedAnswerSaysWhichTokenToCheck() {
    gitlab.on("GET", "/me", Answer.status(401, "{\"message\":\"401 Unauthorized\"}"));
    assertThatThrownBy(() -> api.get("/me")).isInstanceOf(ApiException.class)
        .hasMessage("GitLab API GET /me failed: HTTP 401: 401 Unauthorized"
            + " (is PLANGATE_GITLAB_TOKEN valid and unexpired?)");
  }

  @Test
  void truncatedJsonFails() {
    gitlab.on("GET", "/cut", new Answer(200, "{\"iid\": 7, \"sha\": \"ab", Map.of()));
    assertThatThrownBy(() -> api.get("/cut")).hasMessageContaining("not valid JSON");
  }

  @Test
  void duplicateKeysFail() {
    gitlab.on("GET", "/dup", new Answer(200, "{\"bot\": false, \"bot\": true}", Map.of()));
    assertThatThrownBy(() -> api.get("/dup")).hasMessageContaining("not valid JSON")
        .hasMessageContaining("bot");
  }

  @Test
  void trailingGarbageFails() {
    gitlab.on("GET", "/trail", new Answer(200, "{} {}", Map.of()));
    assertThatThrownBy(() -> api.get("/trail")).hasMessageContaining("not valid JSON");
  }

  @Test
  void aRedirectIsNotFollowed() {
    gitlab.on("GET", "/moved", new Answer(302, "", Map.of("Location",
        "https://elsewhere.example/api/v4/moved")));
    assertThatThrownBy(() -> api.get("/moved")).hasMessageContaining("does not follow");
    assertThat(gitlab.requests()).hasSize(1);
  }

  @Test
  void anObjectWhereAListBelongsFails() {
    gitlab.on("GET", "/obj", new Answer(200, "{\"message\":\"hi\"}", Map.of()));
    assertThatThrownBy(() -> api.getAll("/obj")).hasMessageContaining("expected a JSON array");
  }

  @Test
  void anUnreachableServerFailsClosed() {
    int port;
    try (FakeGitLab other = FakeGitLab.start()) {
      port = java.net.URI.create(other.apiUrl()).getPort();
    }
    GitLabApi dead = new GitLabApi("http://127.0.0.1:" + port + "/api/v4", TOKEN,
        RetryPolicy.defaults().withTime(d -> { }, java.time.Clock.systemUTC()));
    assertThatThrownBy(() -> dead.get("/x")).isInstanceOf(ApiException.class)
        .hasMessageContaining("cannot reach");
  }
}
