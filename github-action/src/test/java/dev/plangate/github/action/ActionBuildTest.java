package dev.plangate.github.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Build plangate" and cache-key steps, with a fake Maven (or none at all). */
class ActionBuildTest {

  @TempDir Path tmp;

  @Test
  void anExistingJarIsUsedWithoutRunningMaven() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result r = s.runner().input("plans", "plan.json").run();

    assertThat(r.exitCode()).isZero();
    assertThat(s.mvnRan()).isFalse();
    // Copied into the cache directory named by the cache-key step, with its archive beside it.
    String dir = r.step("cache-key").outputs().get("dir");
    Path jar = Path.of(dir).toRealPath().resolve("plangate.jar");
    Path jsa = Path.of(dir).toRealPath().resolve("plangate.jsa");
    assertThat(jar).hasSameTextualContentAs(s.jar);
    assertThat(r.step("build").outputs()).containsExactly(
        org.assertj.core.api.Assertions.entry("jar", jar.toString()),
        org.assertj.core.api.Assertions.entry("jsa", jsa.toString()));
    assertThat(r.step("gate").env()).containsEntry("PLANGATE_JAR", jar.toString())
        .containsEntry("PLANGATE_JSA", jsa.toString());
    assertThat(s.javaJar()).isEqualTo(jar.toString());
    assertThat(s.javaOptions())
        .containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC",
            "-XX:CompileCommand=quiet",
            "-XX:CompileCommand=CompileThresholdScaling,dev.plangate.*::*,0.05",
            "-XX:SharedArchiveFile=" + jsa);
  }

  @Test
  void aMissingJarIsBuiltWithMavenFromTheActionsOwnCheckout() throws Exception {
    ActionSandbox s = ActionSandbox.createWithoutJar(tmp);
    ActionRunner.Result r = s.runner().input("plans", "plan.json").run();

    assertThat(r.exitCode()).isZero();
    assertThat(s.mvnArgs()).containsExactly("-B", "-q", "-f",
        s.root.toRealPath().resolve("pom.xml").toString(),
        "-pl", "cli", "-am", "package", "-DskipTests");
    assertThat(s.jar).exists();
    assertThat(s.javaJar()).isEqualTo(r.step("build").outputs().get("jar"));
    assertThat(r.step("build").stdout()).contains("building");
  }

  @Test
  void withoutMavenTheBuildFailsWithAClearError() throws Exception {
    ActionSandbox s = ActionSandbox.createWithoutJar(tmp);
    s.removeFakeMvn();
    ActionRunner.Result r = s.runner().hideCommands("mvn").input("plans", "plan.json").run();

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.step("build").exitCode()).isNotZero();
    assertThat(r.commands("error")).singleElement().asString()
        .contains("Maven (mvn) is not on PATH");
    assertThat(r.step("gate").status()).isEqualTo(ActionRunner.Status.NOT_RUN);
    assertThat(s.javaRan()).isFalse();
    assertThat(r.outputs()).containsEntry("decision", "");
  }

  @Test
  void aFailingMavenBuildFailsTheStep() throws Exception {
    ActionSandbox s = ActionSandbox.createWithoutJar(tmp);
    ActionRunner.Result r = s.runner().env("FAKE_MVN_EXIT", "1")
        .input("plans", "plan.json").run();

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.commands("error")).singleElement().asString()
        .contains("Building plangate with Maven failed");
    assertThat(r.step("build").stderr()).contains("fake build failure");
    assertThat(s.javaRan()).isFalse();
    // Nothing is saved to the cache after a failed build.
    assertThat(r.steps().stream().filter(st -> "Save plangate's jar".equals(st.name())))
        .singleElement().extracting(ActionRunner.Step::status)
        .isEqualTo(ActionRunner.Status.NOT_RUN);
  }

  @Test
  void aBuildThatProducesNoJarFailsTheStep() throws Exception {
    ActionSandbox s = ActionSandbox.createWithoutJar(tmp);
    ActionRunner.Result r = s.runner().env("FAKE_MVN_NO_JAR", "1")
        .input("plans", "plan.json").run();

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.commands("error")).singleElement().asString().contains("was not produced");
    assertThat(s.javaRan()).isFalse();
  }

  @Test
  void aCollectorTheRunnerNamesIsTheOnlyOne() throws Exception {
    // Two collectors are an error the JVM does not start with.
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result r = s.runner().env("JAVA_TOOL_OPTIONS", "-XX:+UseG1GC")
        .input("plans", "plan.json").run();

    assertThat(r.exitCode()).isZero();
    assertThat(s.javaOptions()).doesNotContain("-XX:+UseParallelGC")
        .startsWith("-XX:TieredStopAtLevel=1");
  }

  @Test
  void aFailedArchiveIsAWarningAndTheGateRunsWithoutIt() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result r = s.runner().env("FAKE_JAVA_CDS_EXIT", "3")
        .input("plans", "plan.json").run();

    assertThat(r.exitCode()).isZero();
    assertThat(r.commands("warning")).singleElement().asString()
        .contains("class-data-sharing archive");
    assertThat(r.step("build").outputs()).containsEntry("jsa", "");
    // No archive, but the JIT setting stays: it does not depend on the archive.
    assertThat(s.javaOptions()).containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC",
        "-XX:CompileCommand=quiet",
        "-XX:CompileCommand=CompileThresholdScaling,dev.plangate.*::*,0.05");
    assertThat(s.jarArgs()).first().isEqualTo("check");
  }

  @Test
  void theCacheKeysFollowTheActionsSources() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result first = s.runner().input("plans", "plan.json").run();
    ActionRunner.Step m2 = cacheStep(first, "actions/cache@");
    assertThat(m2.with().get("key")).matches("plangate-m2-Linux-[0-9a-f]{16}");
    assertThat(m2.with()).containsEntry("path", "~/.m2/repository")
        .containsEntry("restore-keys", "plangate-m2-Linux-\n");
    ActionRunner.Step restore = cacheStep(first, "actions/cache/restore@");
    String jarKey = restore.with().get("key");
    assertThat(jarKey).matches("plangate-jar-Linux-java17-[0-9a-f]{16}");
    assertThat(restore.with()).doesNotContainKey("restore-keys");
    assertThat(cacheStep(first, "actions/cache/save@").with()).isEqualTo(restore.with());

    // Same sources, same keys.
    ActionRunner.Result again = s.runner().input("plans", "plan.json").run();
    assertThat(cacheStep(again, "actions/cache@").with()).isEqualTo(m2.with());
    assertThat(cacheStep(again, "actions/cache/restore@").with()).isEqualTo(restore.with());

    // A changed source file (not a pom): a new jar key, the same Maven key.
    Path source = s.root.resolve("cli/src/main/java/Main.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class Main {}");
    ActionRunner.Result edited = s.runner().input("plans", "plan.json").run();
    assertThat(cacheStep(edited, "actions/cache/restore@").with().get("key"))
        .isNotEqualTo(jarKey);
    assertThat(cacheStep(edited, "actions/cache@").with()).isEqualTo(m2.with());
    String editedKey = cacheStep(edited, "actions/cache/restore@").with().get("key");

    // A changed script: a new jar key too.
    Files.writeString(s.actionDir.resolve("scripts/run.sh"), "# changed\n",
        java.nio.file.StandardOpenOption.APPEND);
    String scriptKey = cacheStep(s.runner().input("plans", "plan.json").run(),
        "actions/cache/restore@").with().get("key");
    assertThat(List.of(jarKey, editedKey)).doesNotContain(scriptKey);

    // A changed dependency: new keys for both.
    Files.writeString(s.root.resolve("pom.xml"), "<!-- a new dependency -->",
        java.nio.file.StandardOpenOption.APPEND);
    ActionRunner.Result changed = s.runner().input("plans", "plan.json").run();
    assertThat(cacheStep(changed, "actions/cache@").with().get("key"))
        .startsWith("plangate-m2-Linux-").isNotEqualTo(m2.with().get("key"));
    assertThat(cacheStep(changed, "actions/cache/restore@").with().get("key"))
        .isNotIn(jarKey, editedKey, scriptKey);
  }

  static ActionRunner.Step cacheStep(ActionRunner.Result r, String usesPrefix) {
    return r.steps().stream().filter(st -> st.uses() != null && st.uses().startsWith(usesPrefix))
        .findFirst().orElseThrow();
  }
}
