package dev.plangate.github;

import static dev.plangate.github.testing.GitHubFixtures.ALICE;
import static dev.plangate.github.testing.GitHubFixtures.APPROVAL_LABEL;
import static dev.plangate.github.testing.GitHubFixtures.HEAD_SHA;
import static dev.plangate.github.testing.GitHubFixtures.labeled;
import static dev.plangate.github.testing.GitHubFixtures.pullRequest;
import static dev.plangate.github.testing.GitHubFixtures.workflowRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.github.testing.Answer;
import dev.plangate.github.testing.FakeGitHub;
import dev.plangate.github.testing.FakeTime;
import dev.plangate.github.testing.RecordedRequest;
import dev.plangate.github.testing.RunnerFixture;
import dev.plangate.platform.ApiException;
import dev.plangate.platform.ApiText;
import dev.plangate.platform.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GitHubApiTest {
  static final String TOKEN = RunnerFixture.TOKEN;
  static final String PR = "/repos/acme/infra/pulls/42";

  final FakeGitHub github = FakeGitHub.start();
  final FakeTime time = new FakeTime();
  final List<String> log = new ArrayList<>();

  @AfterEach
  void stop() {
    github.close();
  }

  GitHubApi api() {
    return new GitHubApi(github.baseUrl(), TOKEN, time.retryPolicy().withLog(log::add));
  }

  ApiException failure(ThrowingCall call) {
    ApiException e = catchThrowableOfType(ApiException.class, call::run);
    assertThat(e).as("expected a ApiException").isNotNull();
    assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("\n");
    return e;
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  static List<JsonNode> events(int n) {
    return IntStream.rangeClosed(1, n)
        .mapToObj(i -> (JsonNode) labeled(9000 + i, ALICE, APPROVAL_LABEL,
            "2026-05-01T12:%02d:00Z".formatted(i)))
        .toList();
  }

  @Nested
  class Requests {
    @Test
    void getSendsGitHubHeadersAndParsesTheAnswer() throws Exception {
      github.onGet(PR, pullRequest(42).build());

      JsonNode pr = api().get(PR);

      assertThat(pr.path("head").path("sha").asText()).isEqualTo(HEAD_SHA);
      RecordedRequest req = github.lastRequest();
      assertThat(req.method()).isEqualTo("GET");
      assertThat(req.path()).isEqualTo(PR);
      assertThat(req.header("Accept")).isEqualTo("application/vnd.github+json");
      assertThat(req.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
      assertThat(req.header("User-Agent")).isEqualTo("plangate");
      assertThat(req.authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void withoutATokenNoAuthorizationHeaderIsSent() throws Exception {
      github.onGet(PR, pullRequest(42).build());
      GitHubApi anonymous = new GitHubApi(github.baseUrl() + "/", "  ", time.retryPolicy());

      anonymous.get(PR);

      assertThat(anonymous.hasToken()).isFalse();
      assertThat(github.lastRequest().authorization()).isNull();
    }

    @Test
    void postAndPatchSendJsonBodiesAndReturnTheAnswer() throws Exception {
      GitHubApi api = api();
      ObjectNode body = JsonNodeFactory.instance.objectNode()
          .put("body", "<!-- infra-gate:v1 -->\nDestroys 2 resources: `aws_vpc.legacy` …");

      JsonNode created = api.post("/repos/acme/infra/issues/42/comments", body);
      RecordedRequest post = github.lastRequest();
      long id = created.get("id").asLong();
      JsonNode updated = api.patch("/repos/acme/infra/issues/comments/" + id,
          JsonNodeFactory.instance.objectNode().put("body", "<!-- infra-gate:v1 -->\nApproved"));
      RecordedRequest patch = github.lastRequest();

      assertThat(post.method()).isEqualTo("POST");
      assertThat(post.header("Content-Type")).startsWith("application/json");
      assertThat(post.json()).isEqualTo(body);
      assertThat(post.authorization()).isEqualTo("Bearer " + TOKEN);
      assertThat(created.path("user").path("login").asText()).isEqualTo("github-actions[bot]");
      assertThat(created.path("body").asText()).isEqualTo(body.get("body").asText());
      assertThat(patch.method()).isEqualTo("PATCH");
      assertThat(patch.path()).isEqualTo("/repos/acme/infra/issues/comments/" + id);
      assertThat(patch.json().get("body").asText()).isEqualTo("<!-- infra-gate:v1 -->\nApproved");
      assertThat(updated.get("id").asLong()).isEqualTo(id);
      assertThat(updated.get("body").asText()).endsWith("Approved");
      assertThat(github.comments().list("acme/infra", 42)).hasSize(1);
    }

    @Test
    void getIfExistsIsEmptyOn404AndPresentOtherwise() throws Exception {
      github.onGet("/repos/acme/infra/collaborators/alice/permission",
          dev.plangate.github.testing.GitHubFixtures.permission(ALICE, "write"));

      Optional<JsonNode> missing = api().getIfExists("/repos/acme/infra/collaborators/zed/permission");
      Optional<JsonNode> present = api().getIfExists(
          "/repos/acme/infra/collaborators/alice/permission");

      assertThat(missing).isEmpty();
      assertThat(present).get().extracting(n -> n.get("permission").asText()).isEqualTo("write");
      assertThat(github.requests()).hasSize(2);
    }

    @Test
    void getIfExistsStillFailsOnOtherErrors() {
      github.on("GET", PR).answer(Answer.error(403, "Resource not accessible by integration"));

      ApiException e = failure(() -> api().getIfExists(PR));

      assertThat(e.status()).isEqualTo(403);
    }

    @Test
    void anEmptyAnswerIsAMissingNode() throws Exception {
      github.on("PATCH", "/repos/acme/infra/labels/x").answer(Answer.empty(204));

      JsonNode n = api().patch("/repos/acme/infra/labels/x", JsonNodeFactory.instance.objectNode());

      assertThat(n.isMissingNode()).isTrue();
    }

    @Test
    void worksUnderAnEnterpriseBasePath() throws Exception {
      try (FakeGitHub ghes = FakeGitHub.start("/api/v3")) {
        ghes.onGet(PR, pullRequest(42).build());
        ghes.paged("/repos/acme/infra/issues/42/timeline", events(5), 2);
        GitHubApi api = new GitHubApi(ghes.baseUrl(), TOKEN, time.retryPolicy());

        JsonNode pr = api.get(PR);
        List<JsonNode> timeline = api.getAll("/repos/acme/infra/issues/42/timeline");

        assertThat(pr.get("number").asInt()).isEqualTo(42);
        assertThat(timeline).hasSize(5);
        assertThat(ghes.requests()).extracting(RecordedRequest::path).containsOnly(PR,
            "/repos/acme/infra/issues/42/timeline");
        assertThat(api.baseUrl()).endsWith("/api/v3");
      }
    }

    @Test
    void badBaseUrlsAndTokensAreRefused() {
      RetryPolicy p = time.retryPolicy();
      assertThatThrownBy(() -> new GitHubApi("ftp://example.com", TOKEN, p))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
      assertThatThrownBy(() -> new GitHubApi("api.github.com", TOKEN, p))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new GitHubApi("https://api.github.com?x=1", TOKEN, p))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new GitHubApi("https://user:pw@api.github.com", TOKEN, p))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new GitHubApi("https://api.github.com", "ghs_abc\r\nX: y", p))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining("ghs_abc");
      assertThatThrownBy(() -> api().get("repos/acme/infra"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> api().get("//evil.example/x"))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathEncodesEveryValueAsOneSegment() {
      assertThat(GitHubApi.path("/repos/{}/{}/labels/{}", "acme", "infra", "a/b c?d#e"))
          .isEqualTo("/repos/acme/infra/labels/a%2Fb%20c%3Fd%23e");
      assertThat(GitHubApi.path("/repos/{}/{}/collaborators/{}/permission", "acme", "infra", ".."))
          .isEqualTo("/repos/acme/infra/collaborators/%2E%2E/permission");
      assertThat(GitHubApi.path("/repos/{}/{}/pulls/{}", "acme", "infra", 42))
          .isEqualTo(PR);
      assertThat(GitHubApi.path("/x?head_sha={}&event={}", HEAD_SHA, "pull_request"))
          .isEqualTo("/x?head_sha=" + HEAD_SHA + "&event=pull_request");
      assertThat(GitHubApi.path("/labels/{}", "ünï-✓")).isEqualTo("/labels/%C3%BCn%C3%AF-%E2%9C%93");
      assertThatThrownBy(() -> GitHubApi.path("/repos/{}/{}", "acme"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> GitHubApi.path("/repos/{}", "acme", "infra"))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEncodedLabelReachesTheServerAsOneSegment() throws Exception {
      github.onGet("/repos/acme/infra/labels/infra%2Fdestroy%20ok",
          dev.plangate.github.testing.GitHubFixtures.label("infra/destroy ok"));

      JsonNode label = api().get(GitHubApi.path("/repos/{}/{}/labels/{}", "acme", "infra",
          "infra/destroy ok"));

      assertThat(label.get("name").asText()).isEqualTo("infra/destroy ok");
    }
  }

  @Nested
  class Pagination {
    static final String TIMELINE = "/repos/acme/infra/issues/42/timeline";

    @Test
    void followsLinkAcrossThreePagesAndAddsPerPage() throws Exception {
      github.paged(TIMELINE, events(7), 3);

      List<JsonNode> all = api().getAll(TIMELINE);

      assertThat(all).extracting(n -> n.get("id").asLong())
          .containsExactly(9001L, 9002L, 9003L, 9004L, 9005L, 9006L, 9007L);
      List<RecordedRequest> reqs = github.requests();
      assertThat(reqs).hasSize(3);
      assertThat(reqs.get(0).query()).isEqualTo("per_page=100");
      assertThat(reqs).extracting(r -> r.queryParam("page")).containsExactly(null, "2", "3");
      assertThat(reqs).allSatisfy(r -> {
        assertThat(r.queryParam("per_page")).isEqualTo("100");
        assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN);
      });
    }

    @Test
    void stopsRequestingPagesAtMaxItems() throws Exception {
      github.paged(TIMELINE, events(9), 3);

      List<JsonNode> some = api().getAll(TIMELINE, null, 4);

      assertThat(some).extracting(n -> n.get("id").asLong())
          .containsExactly(9001L, 9002L, 9003L, 9004L);
      assertThat(github.requests()).hasSize(2);
    }

    @Test
    void keepsAPerPageTheCallerChose() throws Exception {
      github.paged(TIMELINE, events(2), 30);

      api().getAll(TIMELINE + "?per_page=30&filter=all");

      assertThat(github.lastRequest().query()).isEqualTo("per_page=30&filter=all");
    }

    @Test
    void readsArraysWrappedInAnObject() throws Exception {
      List<JsonNode> runs = IntStream.range(0, 5)
          .mapToObj(i -> (JsonNode) workflowRun(1000 + i, "plangate", "pull_request", HEAD_SHA,
              "2026-05-01T11:0" + i + ":00Z", 1, "completed", "success"))
          .toList();
      String path = GitHubApi.path("/repos/acme/infra/actions/runs?head_sha={}&event={}",
          HEAD_SHA, "pull_request");
      github.paged("/repos/acme/infra/actions/runs?head_sha=" + HEAD_SHA, "workflow_runs", runs, 2);

      List<JsonNode> all = api().getAll(path, "workflow_runs", 1000);

      assertThat(all).extracting(n -> n.get("id").asLong())
          .containsExactly(1000L, 1001L, 1002L, 1003L, 1004L);
      assertThat(github.requests()).hasSize(3)
          .allSatisfy(r -> assertThat(r.queryParam("event")).isEqualTo("pull_request"));
    }

    @Test
    void aPageOfTheWrongShapeIsAnError() {
      github.onGet(TIMELINE, JsonNodeFactory.instance.objectNode().put("message", "odd"));

      ApiException e = failure(() -> api().getAll(TIMELINE));

      assertThat(e.getMessage()).contains("expected a JSON array, got an object");
    }

    @Test
    void refusesALinkToAnotherPortAndSendsNothingThere() {
      try (FakeGitHub other = FakeGitHub.start()) {
        github.on("GET", TIMELINE).answer(Answer.json("[{\"id\":1}]").withHeader("Link",
            "<" + other.baseUrl() + TIMELINE + "?page=2>; rel=\"next\""));

        ApiException e = failure(() -> api().getAll(TIMELINE));

        assertThat(e.getMessage())
            .startsWith("GET " + TIMELINE + "?per_page=100 failed: refusing to follow a "
                + "pagination link to http://127.0.0.1:" + other.port())
            .contains("the token is only sent to http://127.0.0.1:" + github.port());
        assertThat(other.requests()).isEmpty();
      }
    }

    @Test
    void refusesALinkToAnotherHostOrScheme() {
      for (String target : List.of("http://localhost:" + github.port() + TIMELINE + "?page=2",
          "https://127.0.0.1:" + github.port() + TIMELINE + "?page=2",
          "http://evil.example" + TIMELINE, "//evil.example" + TIMELINE)) {
        github.on("GET", TIMELINE).answer(Answer.json("[]")
            .withHeader("Link", "<" + target + ">; rel=\"next\""));

        ApiException e = failure(() -> api().getAll(TIMELINE));

        assertThat(e.getMessage()).contains("refusing to follow a pagination link");
      }
      assertThat(github.requests()).hasSize(4);
    }

    @Test
    void followsARelativeLinkOnTheSameServer() throws Exception {
      github.on("GET", TIMELINE).answer(Answer.json("[{\"id\":1}]")
          .withHeader("Link", "<" + TIMELINE + "?per_page=100&page=2>; rel=\"next\""));
      github.on("GET", TIMELINE + "?page=2").answer(Answer.json("[{\"id\":2}]"));

      assertThat(api().getAll(TIMELINE)).hasSize(2);
    }

    @Test
    void stopsAfterTheMaximumNumberOfPages() {
      github.paged(TIMELINE, events(20), 1);
      GitHubApi api = new GitHubApi(github.baseUrl(), TOKEN, time.retryPolicy(),
          new GitHubApi.Limits(Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 20, 3, 5));

      ApiException e = failure(() -> api.getAll(TIMELINE));

      assertThat(e.getMessage()).contains("more than 3 pages of results");
      assertThat(github.requests()).hasSize(3);
    }
  }

  @Nested
  class Retries {
    @Test
    void a500ThenA200IsRetriedOnce() throws Exception {
      github.on("GET", PR).answer(Answer.error(500, "Server Error"),
          Answer.json(pullRequest(42).build()));

      JsonNode pr = api().get(PR);

      assertThat(pr.get("number").asInt()).isEqualTo(42);
      assertThat(github.requests()).hasSize(2);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
      assertThat(log).singleElement().asString()
          .isEqualTo("GET " + PR + ": HTTP 500: Server Error; retrying in 1 s (attempt 2 of 5)");
    }

    @Test
    void fiveBadGatewaysFailAfterExactlyFiveAttempts() {
      github.on("GET", PR).answer(Answer.badGateway());

      ApiException e = failure(() -> api().get(PR));

      assertThat(e.getMessage())
          .isEqualTo("GET " + PR + " failed after 5 attempts: HTTP 502 Bad Gateway");
      assertThat(e.status()).isEqualTo(502);
      assertThat(e.method()).isEqualTo("GET");
      assertThat(e.path()).isEqualTo(PR);
      assertThat(github.requests()).hasSize(5);
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
          Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void aPrimaryRateLimitWaitsUntilTheResetThenSucceeds() throws Exception {
      Instant reset = time.now().plusSeconds(5);
      github.on("GET", PR).answer(Answer.rateLimited(reset), Answer.json(pullRequest(42).build()));

      JsonNode pr = api().get(PR);

      assertThat(pr.get("number").asInt()).isEqualTo(42);
      // Until the reset plus one second of margin for clock skew.
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(6));
      assertThat(github.requests()).hasSize(2);
    }

    @Test
    void aRateLimitResettingBeyondTheBudgetFailsAtOnce() {
      Instant reset = time.now().plus(Duration.ofMinutes(59));
      github.on("GET", PR).answer(Answer.rateLimited(reset));

      ApiException e = failure(() -> api().get(PR));

      assertThat(e.getMessage()).startsWith("GET " + PR + " failed: HTTP 403: API rate limit "
              + "exceeded for installation ID 12345678.")
          .endsWith("(the rate limit resets at 2026-05-01T12:59:00Z, in 59 min 1 s; "
              + "plangate waits at most 90 s)");
      assertThat(e.status()).isEqualTo(403);
      assertThat(time.sleeps()).isEmpty();
      assertThat(github.requests()).hasSize(1);
    }

    @Test
    void a429RetryAfterIsHonoured() throws Exception {
      github.on("GET", PR).answer(Answer.tooManyRequests(7), Answer.json(pullRequest(42).build()));

      api().get(PR);

      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void aSecondaryRateLimitRetryAfterIsHonoured() throws Exception {
      github.on("GET", PR).answer(Answer.secondaryRateLimit(30),
          Answer.json(pullRequest(42).build()));

      api().get(PR);

      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void aSecondaryRateLimitWithoutHeadersWaitsAMinute() throws Exception {
      github.on("GET", PR).answer(
          Answer.error(403, "You have exceeded a secondary rate limit. Please wait a few minutes"),
          Answer.json(pullRequest(42).build()));

      api().get(PR);

      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(60));
    }

    @Test
    void theTotalWaitIsBoundedAcrossRetries() {
      github.on("GET", PR).answer(Answer.error(503, "Service Unavailable")
          .withHeader("Retry-After", "50"));

      ApiException e = failure(() -> api().get(PR));

      assertThat(e.getMessage()).isEqualTo("GET " + PR + " failed after 2 attempts: HTTP 503: "
          + "Service Unavailable (GitHub asks to retry after 50 s; only 40 s left of plangate's "
          + "90 s retry budget)");
      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(50));
    }

    @Test
    void aRetryAfterDateIsUnderstood() throws Exception {
      github.on("GET", PR).answer(Answer.badGateway()
              .withHeader("Retry-After", "Fri, 01 May 2026 12:00:12 GMT"),
          Answer.json(pullRequest(42).build()));

      api().get(PR);

      assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void unauthorizedIsNotRetried() {
      github.on("GET", PR).answer(Answer.error(401, "Bad credentials"));

      ApiException e = failure(() -> api().get(PR));

      assertThat(e.getMessage())
          .isEqualTo("GET " + PR + " failed: HTTP 401: Bad credentials (is GITHUB_TOKEN set and "
              + "valid?)");
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.platformMessage()).contains("Bad credentials");
      assertThat(github.requests()).hasSize(1);
      assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void withoutATokenTheHintSaysSo() {
      github.requireToken(TOKEN);
      GitHubApi anonymous = new GitHubApi(github.baseUrl(), null, time.retryPolicy());

      ApiException e = failure(() -> anonymous.get(PR));

      assertThat(e.getMessage()).isEqualTo("GET " + PR + " failed: HTTP 401: Bad credentials "
          + "(no token was sent: is GITHUB_TOKEN set?)");
    }

    @Test
    void aMissingPermissionIsNamed() {
      github.on("GET", PR).answer(Answer.error(403, "Resource not accessible by integration"));
      github.on("POST", "/repos/acme/infra/issues/42/comments")
          .answer(Answer.error(403, "Resource not accessible by integration"));

      ApiException get = failure(() -> api().get(PR));
      ApiException post = failure(() -> api().post("/repos/acme/infra/issues/42/comments",
          JsonNodeFactory.instance.objectNode().put("body", "x")));

      assertThat(get.getMessage()).isEqualTo("GET " + PR + " failed: HTTP 403: Resource not "
          + "accessible by integration (the token lacks a permission: pull-requests: read?)");
      assertThat(post.getMessage()).endsWith("(the token lacks a permission: issues: write or "
          + "pull-requests: write?)");
      assertThat(github.requests()).hasSize(2);
    }

    @Test
    void notFoundSaysItMayBeInvisible() {
      ApiException e = failure(() -> api().get("/repos/acme/secret/pulls/1"));

      assertThat(e.getMessage()).isEqualTo("GET /repos/acme/secret/pulls/1 failed: HTTP 404: "
          + "Not Found (it does not exist, or the token cannot see it)");
      assertThat(e.status()).isEqualTo(404);
    }

    @Test
    void connectionRefusedIsRetriedThenNamed() {
      FakeGitHub closed = FakeGitHub.start();
      String url = closed.baseUrl();
      closed.close();
      GitHubApi api = new GitHubApi(url, TOKEN, time.retryPolicy());

      ApiException e = failure(() -> api.get(PR));

      assertThat(e.getMessage()).isEqualTo("GET " + PR + " failed after 5 attempts: cannot reach "
          + url + ": connection refused");
      assertThat(e.status()).isZero();
      assertThat(time.sleeps()).hasSize(4);
    }

    @Test
    void aDroppedConnectionIsRetriedForGet() throws Exception {
      github.on("GET", PR).answer(Answer.disconnect(), Answer.json(pullRequest(42).build()));

      assertThat(api().get(PR).get("number").asInt()).isEqualTo(42);
      assertThat(github.requests()).hasSize(2);
    }

    @Test
    void aTimeoutIsRetriedForGet() throws Exception {
      github.on("GET", PR).answer(Answer.json(pullRequest(42).build())
          .withDelay(Duration.ofSeconds(3)), Answer.json(pullRequest(42).build()));
      GitHubApi api = new GitHubApi(github.baseUrl(), TOKEN, time.retryPolicy().withLog(log::add),
          new GitHubApi.Limits(Duration.ofSeconds(2), Duration.ofMillis(300), 1 << 20, 100, 5));

      assertThat(api.get(PR).get("number").asInt()).isEqualTo(42);
      assertThat(log).singleElement().asString().contains("no answer within 1 s");
    }

    @Test
    void aPostIsNotRetriedWhenItMayHaveBeenCarriedOut() {
      String comments = "/repos/acme/infra/issues/42/comments";
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("body", "x");
      github.on("POST", comments).answer(Answer.disconnect());

      ApiException dropped = failure(() -> api().post(comments, body));
      github.on("POST", comments).answer(Answer.badGateway());
      ApiException gateway = failure(() -> api().post(comments, body));

      assertThat(dropped.getMessage()).startsWith("POST " + comments + " failed: cannot reach ")
          .endsWith("(not retried: the POST may have been carried out)");
      assertThat(gateway.getMessage()).isEqualTo("POST " + comments
          + " failed: HTTP 502 Bad Gateway (not retried: the POST may have been carried out)");
      assertThat(github.requests("POST", comments)).hasSize(2);
      assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void aPostIsRetriedOnARateLimit() throws Exception {
      String comments = "/repos/acme/infra/issues/42/comments";
      github.on("POST", comments).answer(Answer.tooManyRequests(3),
          Answer.json(201, "{\"id\": 5}"));

      JsonNode created = api().post(comments,
          JsonNodeFactory.instance.objectNode().put("body", "x"));

      assertThat(created.get("id").asInt()).isEqualTo(5);
      assertThat(github.requests()).hasSize(2);
    }

    @Test
    void aPatchIsRetriedOn5xx() throws Exception {
      long id = github.comments().seed("acme/infra", 42,
          dev.plangate.github.testing.GitHubFixtures.GITHUB_ACTIONS, "old").get("id").asLong();
      String path = "/repos/acme/infra/issues/comments/" + id;
      Answer fail = Answer.error(500, "Server Error");
      github.on("PATCH", path).handle(new java.util.function.Function<>() {
        int calls;

        @Override
        public Answer apply(RecordedRequest r) {
          return calls++ == 0 ? fail : Answer.json(JsonNodeFactory.instance.objectNode()
              .put("id", id).put("body", r.json().get("body").asText()));
        }
      });

      JsonNode n = api().patch(path, JsonNodeFactory.instance.objectNode().put("body", "new"));

      assertThat(n.get("body").asText()).isEqualTo("new");
      assertThat(github.requests("PATCH", path)).hasSize(2)
          .allSatisfy(r -> assertThat(r.json().get("body").asText()).isEqualTo("new"));
    }

    @Test
    void noRetriesWithRetryPolicyNone() {
      github.on("GET", PR).answer(Answer.badGateway());
      GitHubApi api = new GitHubApi(github.baseUrl(), TOKEN, RetryPolicy.none());

      ApiException e = failure(() -> api.get(PR));

      assertThat(e.getMessage()).isEqualTo("GET " + PR + " failed: HTTP 502 Bad Gateway");
      assertThat(github.requests()).hasSize(1);
    }
  }

  @Nested
  class Redirects {
    @Test
    void aSameOriginRedirectIsFollowedWithTheSameMethodAndBody() throws Exception {
      github.on("GET", "/repos/acme/old-name/pulls/42").answer(Answer.error(301, "Moved "
          + "Permanently").withHeader("Location", github.baseUrl() + "/repositories/7/pulls/42"));
      github.onGet("/repositories/7/pulls/42", pullRequest(42).build());

      JsonNode pr = api().get("/repos/acme/old-name/pulls/42");

      assertThat(pr.get("number").asInt()).isEqualTo(42);
      assertThat(github.requests()).extracting(RecordedRequest::path)
          .containsExactly("/repos/acme/old-name/pulls/42", "/repositories/7/pulls/42");
      assertThat(github.lastRequest().authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aRedirectToAnotherServerIsRefused() {
      try (FakeGitHub other = FakeGitHub.start()) {
        github.on("GET", PR).answer(Answer.empty(302)
            .withHeader("Location", other.baseUrl() + PR));

        ApiException e = failure(() -> api().get(PR));

        assertThat(e.getMessage()).contains("refusing to follow a redirect to http://127.0.0.1:"
            + other.port());
        assertThat(other.requests()).isEmpty();
      }
    }
  }

  @Nested
  class Messages {
    @Test
    void theTokenIsScrubbedEvenWhenTheServerEchoesIt() {
      github.on("GET", PR).answer(Answer.error(401, "Bad credentials: " + TOKEN));

      ApiException e = failure(() -> api().get(PR));

      assertThat(e.getMessage()).contains("Bad credentials: ***");
      assertThat(e.platformMessage()).get().asString().doesNotContain(TOKEN);
    }

    @Test
    void gitHubsMessageIsCleanedAndCut() {
      String hostile = "line one\nline two\r\n\u001b[31mred\u202e " + "x".repeat(500);
      github.on("GET", PR).answer(Answer.error(400, hostile));

      ApiException e = failure(() -> api().get(PR));

      String message = e.platformMessage().orElseThrow();
      assertThat(message).startsWith("line one line two [31mred x").endsWith("…")
          .hasSizeLessThanOrEqualTo(ApiText.MAX_MESSAGE_CHARS);
      assertThat(message.chars()).noneMatch(c -> Character.isISOControl(c) || c == 0x202e);
      assertThat(e.getMessage()).isEqualTo("GET " + PR + " failed: HTTP 400: " + message);
    }

    @Test
    void aValidationErrorNamesTheFirstProblem() {
      ApiException e = failure(() -> api().post("/repos/acme/infra/issues/42/comments",
          JsonNodeFactory.instance.objectNode().put("body", "x".repeat(70_000))));

      assertThat(e.getMessage()).isEqualTo("POST /repos/acme/infra/issues/42/comments failed: "
          + "HTTP 422: Validation Failed: body is too long (maximum is 65536 characters)");
      assertThat(e.status()).isEqualTo(422);
    }

    @Test
    void anAnswerWithAKeyTwiceIsAnErrorNotTheLastCopy() {
      // "merged":true then "merged":false: a lenient parser would take the last.
      github.on("GET", PR).answer(Answer.text(200, "application/json",
          "{\"number\":42,\"state\":\"open\",\"state\":\"closed\"}"));

      ApiException e = failure(() -> api().get(PR));

      assertThat(e.getMessage()).startsWith("GET " + PR + " failed: the answer is not valid JSON: ")
          .contains("Duplicate field 'state'");
    }

    @Test
    void anAnswerWithDataAfterTheDocumentIsAnError() {
      github.on("GET", PR).answer(Answer.text(200, "application/json",
          "{\"number\":42}{\"number\":43}"));

      ApiException e = failure(() -> api().get(PR));

      assertThat(e.getMessage()).startsWith("GET " + PR + " failed: the answer is not valid JSON: ");
    }

    @Test
    void anAnswerThatIsNotJsonIsAnError() {
      github.on("GET", PR).answer(Answer.text(200, "text/html", "<html>login</html>"));

      ApiException e = failure(() -> api().get(PR));

      assertThat(e.getMessage()).startsWith("GET " + PR + " failed: the answer is not valid JSON: ");
      assertThat(e.status()).isEqualTo(200);
    }

    @Test
    void aHugeAnswerIsRefusedNotRead() {
      github.on("GET", PR).answer(Answer.json("[" + "1,".repeat(2000) + "1]"));
      GitHubApi api = new GitHubApi(github.baseUrl(), TOKEN, time.retryPolicy(),
          new GitHubApi.Limits(Duration.ofSeconds(5), Duration.ofSeconds(5), 1000, 100, 5));

      ApiException e = failure(() -> api.get(PR));

      assertThat(e.getMessage()).isEqualTo("GET " + PR + " failed: the answer is larger than "
          + "1000 bytes, more than plangate reads");
    }

    @Test
    void retryLogLinesNeverCarryTheToken() throws Exception {
      github.on("GET", PR).answer(Answer.error(500, "boom " + TOKEN), Answer.json("{}"));

      api().get(PR);

      assertThat(log).singleElement().asString().contains("boom ***").doesNotContain(TOKEN);
    }

    @Test
    void durationsReadNaturally() {
      assertThat(ApiText.duration(Duration.ofMillis(1500))).isEqualTo("2 s");
      assertThat(ApiText.duration(Duration.ofSeconds(90))).isEqualTo("90 s");
      assertThat(ApiText.duration(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
      assertThat(ApiText.duration(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    }
  }
}
