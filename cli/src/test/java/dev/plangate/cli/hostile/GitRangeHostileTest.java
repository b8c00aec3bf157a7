package dev.plangate.cli.hostile;

import dev.plangate.core.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Commit ranges that say nothing about who wrote the change, or cannot be read, next to a plan
 * that destroys: the answer is approval required (unknown authorship counts as AI) or exit 2 —
 * never "The range holds no commits" and a pass.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GitRangeHostileTest {
  @TempDir static Path work;
  static GitFixture git;
  static GitFixture shallow;
  static String first;
  static String second;
  static String third;
  static Path plan;
  static Path notARepo;

  @BeforeAll
  static void repositories() throws Exception {
    Hostile.warmUp();
    git = GitFixture.init(work.resolve("repo"));
    git.write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    first = git.commit("Add a");
    git.write("main.tf", "resource \"terraform_data\" \"b\" {}\n");
    second = git.commit("Replace a by b");
    git.write("README.md", "docs\n");
    third = git.commit("Docs");
    plan = work.resolve("plan.json");
    Files.copy(Path.of(System.getProperty("plangate.root"))
        .resolve("examples/terraform-kiro-incident/plan.json"), plan);
    shallow = git.shallowClone(work.resolve("shallow"), 1);
    notARepo = Files.createDirectories(work.resolve("plain"));
  }

  static Arguments judged(String name, String repoKey, String base, String head) {
    return Arguments.of(name, repoKey, base, head, 1);
  }

  static Arguments refused(String name, String repoKey, String base, String head) {
    return Arguments.of(name, repoKey, base, head, 2);
  }

  static Stream<Arguments> cases() {
    List<Arguments> c = new ArrayList<>();
    c.add(judged("empty range (base = head)", "repo", "HEAD", "HEAD"));
    c.add(judged("empty range by hash", "repo", "@third", "@third"));
    c.add(judged("reversed range", "repo", "HEAD", "HEAD~2"));
    c.add(judged("reversed by hash", "repo", "@third", "@first"));
    c.add(refused("unknown base revision", "repo", "no-such-branch", "HEAD"));
    c.add(refused("unknown head revision", "repo", "HEAD~1", "no-such-branch"));
    c.add(refused("unknown base hash", "repo", "0123456789abcdef0123456789abcdef01234567",
        "HEAD"));
    c.add(refused("base beyond the first commit", "repo", "HEAD~99", "HEAD"));
    c.add(refused("base that looks like an option", "repo", "--output=/tmp/x", "HEAD"));
    c.add(refused("head that looks like an option", "repo", "HEAD~1", "--all"));
    c.add(refused("empty base", "repo", "", "HEAD"));
    c.add(refused("base with a newline", "repo", "HEAD\nHEAD~2", "HEAD"));
    c.add(refused("range syntax as base", "repo", "HEAD~2..HEAD", "HEAD"));
    c.add(refused("not a repository", "plain", "HEAD~1", "HEAD"));
    c.add(refused("repository directory missing", "missing", "HEAD~1", "HEAD"));
    c.add(refused("shallow clone, base cut off", "shallow", "@first", "HEAD"));
    c.add(judged("shallow clone, empty range", "shallow", "HEAD", "HEAD"));
    return c.stream();
  }

  static String rev(String r) {
    return switch (r) {
      case "@first" -> first;
      case "@second" -> second;
      case "@third" -> third;
      default -> r;
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void anUnreadableRangeFailsClosed(String name, String repoKey, String base, String head,
      int exit) {
    Path repo = switch (repoKey) {
      case "repo" -> git.dir();
      case "shallow" -> shallow.dir();
      case "plain" -> notARepo;
      default -> work.resolve("missing");
    };
    // --base=VALUE, so that a value that looks like an option reaches git, not picocli.
    Hostile.Outcome o = Hostile.cli("check", "--plan", plan.toString(), "--repo",
        repo.toString(), "--base=" + rev(base), "--head=" + rev(head));
    if (exit == 1) {
      Hostile.assertJudged(o, "approval required");
    } else {
      Hostile.assertFailsClosed(o, 2, "");
    }
  }
}
