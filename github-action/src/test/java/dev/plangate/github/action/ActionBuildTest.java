package dev.plangate.github.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
    String jar = s.jar.toRealPath().toString();
    assertThat(r.step("build").outputs()).containsExactly(
        org.assertj.core.api.Assertions.entry("jar", jar));
    assertThat(r.step("gate").env()).containsEntry("PLANGATE_JAR", jar);
    assertThat(s.javaJar()).isEqualTo(jar);
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
    assertThat(s.javaJar()).isEqualTo(s.jar.toRealPath().toString());
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
  void theMavenCacheKeyFollowsTheActionsPoms() throws Exception {
    ActionSandbox s = ActionSandbox.create(tmp);
    ActionRunner.Result first = s.runner().input("plans", "plan.json").run();
    ActionRunner.Step cache = first.steps().stream()
        .filter(st -> st.uses() != null && st.uses().startsWith("actions/cache@")).findFirst()
        .orElseThrow();
    String key = cache.with().get("key");
    assertThat(key).matches("plangate-m2-Linux-[0-9a-f]{16}");
    assertThat(cache.with()).containsEntry("path", "~/.m2/repository")
        .containsEntry("restore-keys", "plangate-m2-Linux-\n");

    // Same poms, same key; a changed dependency, a new key.
    String again = s.runner().input("plans", "plan.json").run().steps().get(2).with().get("key");
    assertThat(again).isEqualTo(key);
    Files.writeString(s.root.resolve("pom.xml"), "<!-- a new dependency -->",
        java.nio.file.StandardOpenOption.APPEND);
    String changed = s.runner().input("plans", "plan.json").run().steps().get(2).with().get("key");
    assertThat(changed).startsWith("plangate-m2-Linux-").isNotEqualTo(key);
  }
}
