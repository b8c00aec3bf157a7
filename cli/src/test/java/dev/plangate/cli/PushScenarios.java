package dev.plangate.cli;

import dev.plangate.core.testing.GitFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Repositories for the pre-push tests: the orders-service example committed with a policy that
 * names {@code plan.json}, a bare remote it was pushed to, and helpers to make the next change.
 */
final class PushScenarios {
  static final Path EXAMPLE = CliRun.repoRoot().resolve("examples/orders-service");
  static final String POLICY = "plans:\n  - plan.json\n";

  private PushScenarios() {}

  /** A clone with main pushed to {@code origin} (a bare repository beside it). */
  static GitFixture clone(Path tmp) {
    GitFixture remote = GitFixture.bare(tmp.resolve("remote.git"));
    GitFixture git = GitFixture.init(tmp.resolve("work"));
    git.write("main.tf", read("before/main.tf"));
    git.write(".plangate.yml", POLICY);
    git.write(".gitignore", "plan.json\n");
    git.commit("Orders service infrastructure");
    git.addRemote("origin", remote.url());
    git.push("origin", "main");
    git.fetch("origin");
    return git;
  }

  /** The change that removes the database block, left uncommitted. */
  static void removeDatabase(GitFixture git) {
    git.write("main.tf", read("after-destroy/main.tf"));
  }

  /** Writes the plan the pushed configuration produces: destroy-plan.json or update-plan.json. */
  static Path plan(GitFixture git, String example) {
    try {
      return Files.copy(EXAMPLE.resolve(example), git.dir().resolve("plan.json"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(String path) {
    try {
      return Files.readString(EXAMPLE.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
