package dev.plangate.github;

import static dev.plangate.github.testing.GitHubFixtures.CLAUDE;
import static dev.plangate.github.testing.GitHubFixtures.GITHUB_ACTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.plangate.github.testing.Answer;
import dev.plangate.github.testing.FakeGitHub;
import dev.plangate.github.testing.FakeTime;
import dev.plangate.github.testing.RecordedRequest;
import dev.plangate.github.testing.RunnerFixture;
import dev.plangate.platform.ApiException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake server behaves like GitHub where the approval logic and the cli rely on it. */
class FakeGitHubTest {
  static final String COMMENTS = "/repos/acme/infra/issues/42/comments";
  static final String MARKER = "<!-- infra-gate:v1 -->";

  final FakeGitHub github = FakeGitHub.start();
  final GitHubApi api = new GitHubApi(github.baseUrl(), RunnerFixture.TOKEN,
      new FakeTime().retryPolicy());

  @AfterEach
  void stop() {
    github.close();
  }

  HttpResponse<String> raw(String pathAndQuery) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(github.baseUrl() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void unknownRoutesGetGitHubsNotFound() throws Exception {
    HttpResponse<String> r = raw("/repos/acme/infra/nothing");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(new ObjectMapper().readTree(r.body())).isEqualTo(new ObjectMapper().readTree(
        "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\","
            + "\"status\":\"404\"}"));
    assertThat(r.headers().firstValue("content-type")).contains("application/json; charset=utf-8");
    assertThat(r.headers().firstValue("x-ratelimit-remaining")).isPresent();
  }

  @Test
  void aStickyCommentIsCreatedOnceThenUpdated() throws Exception {
    github.comments().seed("acme/infra", 42, CLAUDE, MARKER + "\nplanted by an agent");

    for (String report : List.of("first report", "second report", "third report")) {
      JsonNode mine = api.getAll(COMMENTS).stream()
          .filter(c -> c.path("body").asText().startsWith(MARKER))
          .filter(c -> c.path("user").path("login").asText().equals("github-actions[bot]"))
          .findFirst().orElse(null);
      var body = JsonNodeFactory.instance.objectNode().put("body", MARKER + "\n" + report);
      if (mine == null) {
        api.post(COMMENTS, body);
      } else {
        api.patch("/repos/acme/infra/issues/comments/" + mine.get("id").asLong(), body);
      }
    }

    List<com.fasterxml.jackson.databind.node.ObjectNode> comments =
        github.comments().list("acme/infra", 42);
    assertThat(comments).hasSize(2);
    assertThat(comments.get(0).get("user").get("login").asText()).isEqualTo("claude[bot]");
    assertThat(comments.get(0).get("body").asText()).endsWith("planted by an agent");
    JsonNode sticky = comments.get(1);
    assertThat(sticky.get("body").asText()).isEqualTo(MARKER + "\nthird report");
    assertThat(sticky.get("user").get("id").asLong()).isEqualTo(GITHUB_ACTIONS.id());
    assertThat(sticky.get("user").get("type").asText()).isEqualTo("Bot");
    assertThat(sticky.get("updated_at").asText()).isGreaterThan(
        sticky.get("created_at").asText());
    assertThat(sticky.get("html_url").asText()).isEqualTo(
        "https://github.com/acme/infra/pull/42#issuecomment-" + sticky.get("id").asLong());
    assertThat(github.requests("POST", COMMENTS)).hasSize(1);
    assertThat(github.requests("PATCH", "/repos/acme/infra/issues/comments/")).hasSize(2);
  }

  @Test
  void commentListsArePagedLikeGitHub() throws Exception {
    for (int i = 0; i < 5; i++) {
      github.comments().seed("acme/infra", 42, CLAUDE, "c" + i);
    }
    github.comments().seed("acme/infra", 43, CLAUDE, "other PR");

    List<JsonNode> all = api.getAll(COMMENTS + "?per_page=2");

    assertThat(all).extracting(c -> c.get("body").asText())
        .containsExactly("c0", "c1", "c2", "c3", "c4");
    assertThat(github.requests()).hasSize(3);
    assertThat(github.requests().get(0).queryParam("page")).isNull();
  }

  @Test
  void theCommentAuthorIsConfigurable() throws Exception {
    github.comments().author(CLAUDE);

    JsonNode c = api.post(COMMENTS, JsonNodeFactory.instance.objectNode().put("body", "hi"));

    assertThat(c.get("user").get("login").asText()).isEqualTo("claude[bot]");
  }

  @Test
  void routesMatchQueriesLooselyAndTheMostSpecificWins() throws Exception {
    github.on("GET", "/repos/acme/infra/actions/runs").answer(Answer.json("{\"which\":1}"));
    github.on("GET", "/repos/acme/infra/actions/runs?head_sha=abc")
        .answer(Answer.json("{\"which\":2}"));

    assertThat(api.get("/repos/acme/infra/actions/runs?event=push").get("which").asInt())
        .isEqualTo(1);
    assertThat(api.get("/repos/acme/infra/actions/runs?event=push&head_sha=abc")
        .get("which").asInt()).isEqualTo(2);
  }

  @Test
  void sequencesRepeatTheirLastAnswer() throws Exception {
    FakeGitHub.Route r = github.on("GET", "/x").answer(Answer.json("1"), Answer.json("2"));

    assertThat(List.of(raw("/x").body(), raw("/x").body(), raw("/x").body()))
        .containsExactly("1", "2", "2");
    assertThat(r.served()).isEqualTo(3);
  }

  @Test
  void requireTokenAnswersBadCredentials() throws Exception {
    github.requireToken("right");

    HttpResponse<String> r = raw("/repos/acme/infra");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("Bad credentials");
  }

  @Test
  void requestsAreRecordedWithHeadersAndBody() throws Exception {
    api.post(COMMENTS, JsonNodeFactory.instance.objectNode().put("body", "x"));

    RecordedRequest r = github.lastRequest();
    assertThat(r.toString()).isEqualTo("POST " + COMMENTS);
    assertThat(r.authorization()).isEqualTo("Bearer " + RunnerFixture.TOKEN);
    assertThat(r.headers()).containsKey("x-github-api-version");
    assertThat(r.json().get("body").asText()).isEqualTo("x");
  }

  @Test
  void patchingAnUnknownCommentIsNotFound() {
    var body = JsonNodeFactory.instance.objectNode().put("body", "x");

    assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ApiException.class,
        () -> api.patch("/repos/acme/infra/issues/comments/1", body)).status()).isEqualTo(404);
  }
}
