package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plangate.core.plan.PlanReadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching the change set an {@code execute-change-set} would execute, with a script standing in
 * for the AWS CLI: the arguments it is given, every page, and each way it can fail.
 */
class ChangeSetFetcherTest {
  @TempDir Path dir;

  private Path aws(String script) throws Exception {
    Path aws = dir.resolve("aws");
    Files.writeString(aws, "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwx------"));
    return aws;
  }

  private static List<String> execute(String... args) {
    return List.of(args);
  }

  @Test
  void theDescribeCallNamesTheSameChangeSetWithTheSameProfileAndRegion() {
    assertThat(ChangeSetFetcher.describeArgs(execute("--profile", "prod", "cloudformation",
        "execute-change-set", "--change-set-name", "cs", "--stack-name", "web", "--region",
        "eu-west-1"))).containsExactly("--profile", "prod", "cloudformation",
            "describe-change-set", "--change-set-name", "cs", "--stack-name", "web", "--region",
            "eu-west-1", "--include-property-values", "--output", "json");
  }

  @Test
  void optionsOnlyExecuteTakesAreLeftOutWithTheirValues() {
    assertThat(ChangeSetFetcher.describeArgs(execute("cloudformation", "execute-change-set",
        "--disable-rollback", "--client-request-token", "tok-1", "--change-set-name", "cs",
        "--no-disable-rollback", "--retain-except-on-create", "--no-retain-except-on-create",
        "--client-request-token=tok-2", "--disable-rollback=true", "--stack-name", "web")))
        .containsExactly("cloudformation", "describe-change-set", "--change-set-name", "cs",
            "--stack-name", "web", "--include-property-values", "--output", "json");
  }

  @Test
  void theAwsCliIsFoundOnTheAgentsPath() throws Exception {
    Path aws = aws("exit 0\n");
    assertThat(ChangeSetFetcher.findAws(Map.of("PATH", "/nonexistent:" + dir)))
        .contains(aws);
    assertThat(ChangeSetFetcher.findAws(Map.of("PATH", dir.resolve("none").toString())))
        .isEmpty();
  }

  @Test
  void everyPageIsFetchedWithTheTokenOfThePreviousOne() throws Exception {
    Path calls = dir.resolve("calls");
    Path aws = aws("echo \"$@\" >> '" + calls + "'\n"
        + "case \"$*\" in\n"
        + "  *'--next-token p2'*) echo '{\"Changes\":[],\"NextToken\":\"p3\"}' ;;\n"
        + "  *'--next-token p3'*) echo '{\"Changes\":[],\"NextToken\":7}' ;;\n"
        + "  *) echo '{\"Changes\":[],\"NextToken\":\"p2\"}' ;;\n"
        + "esac\n");
    List<Path> pages = new ChangeSetFetcher(30).fetch(aws, execute("cloudformation",
        "execute-change-set", "--change-set-name", "cs"), dir);
    try {
      assertThat(pages).hasSize(3).allSatisfy(p -> assertThat(p).isRegularFile());
      assertThat(Files.readString(pages.get(1))).contains("\"p3\"");
      assertThat(Files.readAllLines(calls)).containsExactly(
          "cloudformation describe-change-set --change-set-name cs --include-property-values"
              + " --output json",
          "cloudformation describe-change-set --change-set-name cs --include-property-values"
              + " --output json --next-token p2",
          "cloudformation describe-change-set --change-set-name cs --include-property-values"
              + " --output json --next-token p3");
    } finally {
      pages.forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void anEmptyAnswerIsOnePage() throws Exception {
    List<Path> pages = new ChangeSetFetcher(30).fetch(aws("exit 0\n"), execute(), dir);
    assertThat(pages).hasSize(1);
    pages.forEach(p -> p.toFile().delete());
  }

  @Test
  void aChangeSetOfMoreThanTwentyPagesIsRefusedAndNoPageIsLeft() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to name the pages");
    Path calls = dir.resolve("calls");
    // each call notes the file its answer goes to: the page the fetcher must delete
    Path aws = aws("page=$(readlink /proc/$$/fd/1)\necho \"$page\" >> '" + calls + "'\n"
        + "echo '{\"NextToken\":\"again\"}'\n");
    assertThatThrownBy(() -> new ChangeSetFetcher(30).fetch(aws, execute(), dir))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("aws cloudformation describe-change-set: the change set has more than 20"
            + " pages");
    List<String> pages = Files.readAllLines(calls);
    assertThat(pages).hasSize(20).allSatisfy(p -> assertThat(p).contains("plangate-changeset-"))
        .allSatisfy(p -> assertThat(Path.of(p)).doesNotExist());
  }

  @Test
  void aFailingAwsCliIsReportedWithItsExitCodeAndErrorLine() throws Exception {
    Path aws = aws("echo 'An error occurred (AccessDenied) when calling DescribeChangeSet' >&2\n"
        + "exit 255\n");
    assertThatThrownBy(() -> new ChangeSetFetcher(30).fetch(aws, execute(), dir))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("aws cloudformation describe-change-set: failed (exit 255): An error"
            + " occurred (AccessDenied) when calling DescribeChangeSet");
  }

  @Test
  void aFailureOnALaterPageFailsTheWholeFetch() throws Exception {
    Path aws = aws("case \"$*\" in *next-token*) echo throttled >&2; exit 1 ;; esac\n"
        + "echo '{\"NextToken\":\"p2\"}'\n");
    assertThatThrownBy(() -> new ChangeSetFetcher(30).fetch(aws, execute(), dir))
        .isInstanceOf(PlanReadException.class).hasMessageEndingWith("failed (exit 1): throttled");
  }

  @Test
  void outputThatIsNotJsonIsAnErrorNamingTheCall() throws Exception {
    Path aws = aws("echo '<html>captive portal</html>'\n");
    assertThatThrownBy(() -> new ChangeSetFetcher(30).fetch(aws, execute(), dir))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith("aws cloudformation describe-change-set: ");
  }

  @Test
  void aHangingAwsCliTimesOut() throws Exception {
    Path aws = aws("exec sleep 30\n");
    assertThatThrownBy(() -> new ChangeSetFetcher(1).fetch(aws, execute(), dir))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("aws cloudformation describe-change-set: did not finish within 1 seconds");
  }
}
