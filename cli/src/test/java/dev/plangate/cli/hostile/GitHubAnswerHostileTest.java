package dev.plangate.cli.hostile;

import static dev.plangate.github.testing.GitHubFixtures.ALICE;
import static dev.plangate.github.testing.GitHubFixtures.COPILOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.testing.GitFixture;
import dev.plangate.github.testing.Answer;
import dev.plangate.github.testing.FakeGitHub;
import dev.plangate.github.testing.GitHubFixtures;
import dev.plangate.github.testing.RunnerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pull request by an agent that destroys, judged in GitHub mode while the fake GitHub API
 * answers one request badly (5xx, truncated or wrongly typed JSON, pagination loops, missing
 * fields): the run never passes — exit 2 naming the request, or approval required.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GitHubAnswerHostileTest {
  static final String P = "/repos/" + GitHubFixtures.REPO;
  static final Path EXAMPLE = Path.of(System.getProperty("plangate.root"))
      .resolve("examples/orders-service");

  @TempDir static Path repoDir;
  @TempDir Path tmp;

  @org.junit.jupiter.api.BeforeAll
  static void warmUp() {
    Hostile.warmUp();
  }
  FakeGitHub github;
  static GitFixture git;
  static String base;
  static String head;

  /** What to break, given the fake and the head sha. */
  interface Sabotage extends BiConsumer<FakeGitHub, String> {}

  @BeforeEach
  void start() {
    github = FakeGitHub.start();
  }

  /** One repository for every case: no case changes it. */
  @org.junit.jupiter.api.BeforeAll
  static void repository() throws Exception {
    git = GitFixture.init(repoDir.resolve("repo"));
    git.write("main.tf", Files.readString(EXAMPLE.resolve("before/main.tf")));
    base = git.commit("Add the orders service");
    git.write("main.tf", Files.readString(EXAMPLE.resolve("after-destroy/main.tf")));
    head = git.commit("Remove the orders database\n\nCo-authored-by: Copilot"
        + " <198982749+Copilot@users.noreply.github.com>\n");
    Files.copy(EXAMPLE.resolve("destroy-plan.json"), git.dir().resolve("plan.json"));
  }

  @AfterEach
  void stop() {
    github.close();
  }

  ObjectNode pullRequest() {
    return GitHubFixtures.pullRequest(42).author(COPILOT).headRef("copilot/remove-db")
        .headSha(head).baseSha(base).title("Remove the orders database").build();
  }

  /** Every answer right, and the approval label added by a maintainer. */
  void serve() {
    github.onGet(P + "/pulls/42", pullRequest());
    github.paged(P + "/pulls/42/commits", List.of(GitHubFixtures.commit(head).by(COPILOT)
        .message("Remove the orders database").parents(base).build()), 100);
    github.paged(P + "/issues/42/timeline", List.of(GitHubFixtures.labeled(9001, ALICE,
        "plangate/approve-destroy", "2026-05-01T12:00:00Z")), 2);
    github.onGet(P + "/collaborators/alice/permission",
        GitHubFixtures.permission(ALICE, "maintain"));
    github.onGet(P + "/actions/runs?head_sha=" + head, GitHubFixtures.workflowRuns(List.of()));
  }

  static Answer json(String body) {
    return Answer.json(200, body);
  }

  static Arguments of(String name, Sabotage s) {
    return Arguments.of(name, s, "");
  }

  static Arguments after(String branchAndWhat, String name, Sabotage s) {
    return Arguments.of(name, s, branchAndWhat);
  }

  static Stream<Arguments> cases() {
    List<Arguments> c = new ArrayList<>();
    String pr = P + "/pulls/42";
    String commits = P + "/pulls/42/commits";
    String timeline = P + "/issues/42/timeline";
    String perm = P + "/collaborators/alice/permission";
    for (String path : List.of(pr, commits, timeline, perm)) {
      String what = path.substring(P.length());
      c.add(of(what + ": 500 every time", (g, h) -> g.on("GET", path)
          .answer(Answer.error(500, "Server Error"))));
      c.add(of(what + ": 502 HTML page", (g, h) -> g.on("GET", path)
          .answer(Answer.badGateway())));
      c.add(of(what + ": 404", (g, h) -> g.on("GET", path).answer(Answer.notFound())));
      c.add(of(what + ": connection dropped", (g, h) -> g.on("GET", path)
          .answer(Answer.disconnect())));
      c.add(of(what + ": truncated JSON", (g, h) -> g.on("GET", path)
          .answer(json("{\"number\":42,\"head\":{\"sha\":"))));
      c.add(of(what + ": empty body", (g, h) -> g.on("GET", path).answer(Answer.empty(200))));
      c.add(of(what + ": null", (g, h) -> g.on("GET", path).answer(json("null"))));
      c.add(of(what + ": a string", (g, h) -> g.on("GET", path).answer(json("\"ok\""))));
      c.add(of(what + ": trailing garbage", (g, h) -> g.on("GET", path)
          .answer(json("{}  xyz"))));
    }
    c.add(of("pull request: an array instead of an object", (g, h) -> g.on("GET", pr)
        .answer(json("[]"))));
    c.add(of("pull request: head.sha missing", (g, h) -> g.on("GET", pr)
        .answer(json("{\"number\":42,\"user\":{\"login\":\"Copilot\"},"
            + "\"head\":{\"ref\":\"copilot/x\"},\"base\":{\"ref\":\"main\"}}"))));
    c.add(of("pull request: head.sha a number", (g, h) -> g.on("GET", pr)
        .answer(json("{\"number\":42,\"head\":{\"sha\":5},\"base\":{\"sha\":6}}"))));
    c.add(of("pull request: user a string", (g, h) -> g.on("GET", pr)
        .answer(json("{\"number\":42,\"user\":\"Copilot\",\"head\":{\"sha\":\"" + h
            + "\"},\"base\":{\"sha\":\"x\"}}"))));
    c.add(of("pull request: duplicate head key", (g, h) -> g.on("GET", pr)
        .answer(json("{\"number\":42,\"head\":{\"sha\":\"" + h
            + "\"},\"head\":{\"sha\":\"x\"}}"))));
    c.add(of("commits: an object instead of a list", (g, h) -> g.on("GET", commits)
        .answer(json("{\"sha\":\"" + h + "\"}"))));
    c.add(of("commits: a list of strings", (g, h) -> g.on("GET", commits)
        .answer(json("[\"" + h + "\"]"))));
    c.add(of("commits: author missing everything", (g, h) -> g.on("GET", commits)
        .answer(json("[{\"sha\":\"" + h + "\"}]"))));
    c.add(of("commits: pagination loop", (g, h) -> g.on("GET", commits).handle(req -> json(
        "[{\"sha\":\"" + h + "\",\"commit\":{\"message\":\"m\",\"author\":{\"name\":\"a\","
            + "\"email\":\"a@b\"}}}]").withHeader("Link", "<" + g.baseUrl() + commits
            + "?page=1>; rel=\"next\""))));
    c.add(of("timeline: pagination loop", (g, h) -> g.on("GET", timeline).handle(req ->
        json("[{\"event\":\"commented\",\"id\":1}]").withHeader("Link", "<" + g.baseUrl()
            + timeline + "?page=1>; rel=\"next\""))));
    c.add(of("timeline: next link to another host", (g, h) -> g.on("GET", timeline)
        .handle(req -> json("[]").withHeader("Link",
            "<https://evil.example/steal?page=2>; rel=\"next\""))));
    c.add(of("timeline: labeled event without actor", (g, h) -> g.on("GET", timeline)
        .answer(json("[{\"event\":\"labeled\",\"id\":9001,\"label\":{\"name\":"
            + "\"plangate/approve-destroy\"},\"created_at\":\"2026-05-01T12:00:00Z\"}]"))));
    c.add(of("timeline: label name a number", (g, h) -> g.on("GET", timeline)
        .answer(json("[{\"event\":\"labeled\",\"id\":9001,\"actor\":{\"login\":\"alice\","
            + "\"id\":1001,\"type\":\"User\"},\"label\":{\"name\":7},"
            + "\"created_at\":\"2026-05-01T12:00:00Z\"}]"))));
    c.add(of("permission: role unknown", (g, h) -> g.on("GET", perm)
        .answer(json("{\"permission\":\"overlord\",\"role_name\":\"overlord\","
            + "\"user\":{\"login\":\"alice\"}}"))));
    c.add(of("permission: role a number", (g, h) -> g.on("GET", perm)
        .answer(json("{\"permission\":3,\"role_name\":3,\"user\":{\"login\":\"alice\"}}"))));
    c.add(of("permission: duplicate role_name (read, then admin)", (g, h) -> g.on("GET", perm)
        .answer(json("{\"permission\":\"read\",\"role_name\":\"read\",\"role_name\":\"admin\","
            + "\"user\":{\"login\":\"alice\"}}"))));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBadAnswerNeverPasses(String name, Sabotage sabotage, String waitsFor) {
    Hostile.waitsFor(waitsFor);
    serve();
    sabotage.accept(github, head);
    RunnerFixture runner = RunnerFixture.create(tmp.resolve("runner"), github.baseUrl(),
        "pull_request", GitHubFixtures.labeledEvent(pullRequest(), "plangate/approve-destroy",
            ALICE));
    Map<String, String> env = new HashMap<>(runner.env());
    env.put("PLANGATE_GITHUB_RETRY_SECONDS", "1");
    Hostile.Outcome o = Hostile.cli(env, new byte[0], "check", "--repo", git.dir().toString(),
        "--plan", git.dir().resolve("plan.json").toString());
    assertThat(o.exit()).as("never a pass: %s", o).isIn(1, 2);
    assertThat(runner.outputs().get("decision")).as("%s", o).isNotEqualTo("pass");
    if (o.exit() == 2) {
      assertThat(o.errLines()).as("one line: %s", o).hasSize(1);
    }
  }

  /** The control: with every answer right, the maintainer's label approves the destroy. */
  @org.junit.jupiter.api.Test
  void withRightAnswersTheLabelApproves() {
    serve();
    RunnerFixture runner = RunnerFixture.create(tmp.resolve("runner"), github.baseUrl(),
        "pull_request", GitHubFixtures.labeledEvent(pullRequest(), "plangate/approve-destroy",
            ALICE));
    Hostile.Outcome o = Hostile.cli(runner.env(), new byte[0], "check", "--repo",
        git.dir().toString(), "--plan", git.dir().resolve("plan.json").toString());
    assertThat(o.exit()).as("%s", o).isZero();
  }
}
