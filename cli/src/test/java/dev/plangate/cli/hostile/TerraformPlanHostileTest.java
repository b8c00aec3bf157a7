package dev.plangate.cli.hostile;

import static dev.plangate.cli.hostile.Hostile.concat;
import static dev.plangate.cli.hostile.Hostile.utf8;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Terraform/OpenTofu JSON plans that are broken, malicious or odd, through {@code plangate check
 * --plan}: every one is refused with exit 2 and one line, or judged (exit 1) — never a pass.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TerraformPlanHostileTest {
  @TempDir Path tmp;

  @org.junit.jupiter.api.BeforeAll
  static void warmUp() {
    Hostile.warmUp();
  }

  static final String DELETE_CHANGE = "{\"address\":\"aws_db_instance.main\",\"mode\":\"managed\","
      + "\"type\":\"aws_db_instance\",\"name\":\"main\","
      + "\"provider_name\":\"registry.terraform.io/hashicorp/aws\","
      + "\"change\":{\"actions\":[\"delete\"],\"before\":{\"id\":\"db-1\"},\"after\":null}}";

  /** A well-formed plan that destroys one database. */
  static final String DESTROY = plan("1.2", "[" + DELETE_CHANGE + "]");

  static String plan(String version, String changes) {
    return "{\"format_version\":\"" + version + "\",\"terraform_version\":\"1.11.0\","
        + "\"resource_changes\":" + changes + "}";
  }

  static String change(String actions) {
    return plan("1.2", "[" + DELETE_CHANGE.replace("[\"delete\"]", actions) + "]");
  }

  static Arguments refused(String name, String content, String fragment) {
    return Arguments.of(name, utf8(content), 2, fragment);
  }

  static Arguments refused(String name, byte[] content, String fragment) {
    return Arguments.of(name, content, 2, fragment);
  }

  /** Read, and the destroy in it needs approval (unknown authorship counts as AI). */
  static Arguments judged(String name, String content) {
    return judged(name, content, "approval required");
  }

  static Arguments judged(String name, String content, String fragment) {
    return Arguments.of(name, utf8(content), 1, fragment);
  }

  static Stream<Arguments> cases() {
    List<Arguments> c = new ArrayList<>();
    c.add(judged("control: a well-formed destroy", DESTROY));
    // Not a plan at all.
    c.add(refused("empty file", "", "empty"));
    c.add(refused("whitespace only", " \n\t ", "empty"));
    c.add(refused("[]", "[]", "array"));
    c.add(refused("null", "null", "null"));
    c.add(refused("true", "true", "plan"));
    c.add(refused("a number", "42", "plan"));
    c.add(refused("a string", "\"plan\"", "string"));
    c.add(refused("{}", "{}", "plan"));
    c.add(refused("not JSON", "resource \"aws_s3_bucket\" \"b\" {}", "JSON"));
    c.add(refused("HTML error page", "<html><body>502 Bad Gateway</body></html>", "JSON"));
    // Truncated at every kind of point.
    for (int cut : new int[] {1, 10, 40, DESTROY.length() / 2, DESTROY.length() - 20,
        DESTROY.length() - 2, DESTROY.length() - 1}) {
      c.add(refused("truncated to " + cut + " chars", DESTROY.substring(0, cut), "plan"));
    }
    // Trailing data.
    c.add(refused("trailing garbage", DESTROY + " xyz", "xyz"));
    c.add(refused("two plans concatenated", DESTROY + DESTROY, "plan"));
    c.add(refused("second plan is empty", DESTROY + "\n" + plan("1.2", "[]"), "plan"));
    c.add(refused("extra closing bracket", DESTROY + "]", "plan"));
    c.add(refused("trailing NUL", concat(utf8(DESTROY), new byte[] {0}), "plan"));
    // NUL bytes, encodings.
    c.add(refused("NUL before the plan", concat(new byte[] {0}, utf8(DESTROY)), "plan"));
    c.add(refused("NUL between tokens",
        utf8(DESTROY.replace("\"resource_changes\":", "\"resource_changes\":\u0000")), "plan"));
    c.add(refused("raw NUL inside a string", utf8(DESTROY.replace("aws_db_instance.main",
        "aws_db\u0000instance.main")), "plan"));
    c.add(refused("invalid UTF-8 in an address", concat(utf8(DESTROY.substring(0, 60)),
        new byte[] {(byte) 0xC3, (byte) 0x28}, utf8(DESTROY.substring(60))), "UTF-8"));
    c.add(refused("0xFF at the start", concat(new byte[] {(byte) 0xFF}, utf8(DESTROY)),
        "plan"));
    c.add(Arguments.of("UTF-16 with BOM before a destroy", concat(
        new byte[] {(byte) 0xFE, (byte) 0xFF},
        DESTROY.getBytes(java.nio.charset.StandardCharsets.UTF_16BE)), 1, "aws_db_instance.main"));
    c.add(Arguments.of("UTF-8 BOM before a destroy", concat(
        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(DESTROY)), 1,
        "aws_db_instance.main"));
    // Versions.
    c.add(refused("format_version 9.0", plan("9.0", "[]"), "9.0"));
    c.add(refused("format_version 2.0 with a destroy", plan("2.0", "[" + DELETE_CHANGE + "]"),
        "2.0"));
    c.add(judged("format_version 0.1", plan("0.1", "[" + DELETE_CHANGE + "]")));
    c.add(refused("format_version empty", plan("", "[" + DELETE_CHANGE + "]"), "format_version"));
    c.add(refused("format_version a number", DESTROY.replace("\"1.2\"", "1.2"),
        "format_version"));
    c.add(judged("format_version null", DESTROY.replace("\"1.2\"", "null")));
    c.add(refused("format_version an object", DESTROY.replace("\"1.2\"", "{}"),
        "format_version"));
    c.add(judged("format_version missing", DESTROY.replace("\"format_version\":\"1.2\",", "")));
    c.add(refused("format_version garbage", plan("banana", "[" + DELETE_CHANGE + "]"),
        "banana"));
    // Errored plans.
    c.add(refused("errored plan", DESTROY.replace("{\"format_version\"",
        "{\"errored\":true,\"format_version\""), "errored"));
    c.add(refused("errored plan, no changes", plan("1.2", "[]").replace("{\"format_version\"",
        "{\"errored\":true,\"format_version\""), "errored"));
    c.add(refused("errored of the wrong type", DESTROY.replace("{\"format_version\"",
        "{\"errored\":\"yes\",\"format_version\""), "errored"));
    // Wrong types.
    c.add(refused("resource_changes an object", plan("1.2", "{}"), "resource_changes"));
    c.add(refused("resource_changes a string", plan("1.2", "\"delete\""), "resource_changes"));
    c.add(refused("resource_changes a number", plan("1.2", "1"), "resource_changes"));
    c.add(refused("a change that is a string", plan("1.2", "[\"delete\"]"), "resource_changes"));
    c.add(refused("a change that is null", plan("1.2", "[null]"), "resource_changes"));
    c.add(refused("a change that is an array", plan("1.2", "[[]]"), "resource_changes"));
    c.add(refused("change a string", plan("1.2", "[" + DELETE_CHANGE.replaceFirst(
        "\"change\":\\{.*\\}\\}$", "\"change\":\"delete\"}") + "]"), "change"));
    c.add(refused("change null", plan("1.2", "[" + DELETE_CHANGE.replaceFirst(
        "\"change\":\\{.*\\}\\}$", "\"change\":null}") + "]"), "change"));
    c.add(refused("change missing", plan("1.2", "[" + DELETE_CHANGE.replaceFirst(
        ",\"change\":\\{.*\\}\\}$", "}") + "]"), "change"));
    c.add(refused("actions a string", change("\"delete\""), "actions"));
    c.add(refused("actions an object", change("{\"delete\":true}"), "actions"));
    c.add(judged("actions empty", change("[]")));
    c.add(refused("actions [null]", change("[null]"), "actions"));
    c.add(refused("actions with a number", change("[\"delete\",1]"), "actions"));
    c.add(refused("address a number", DESTROY.replace("\"aws_db_instance.main\"", "7"),
        "address"));
    c.add(judged("address null", DESTROY.replace("\"aws_db_instance.main\"", "null")));
    c.add(judged("address empty", DESTROY.replace("\"aws_db_instance.main\"", "\"\"")));
    c.add(judged("address missing", DESTROY.replace(
        "\"address\":\"aws_db_instance.main\",", "")));
    // Unknown actions.
    c.add(judged("unknown action", change("[\"explode\"]")));
    c.add(judged("unknown action after delete", change("[\"delete\",\"explode\"]")));
    c.add(judged("upper-case DELETE", change("[\"DELETE\"]")));
    c.add(judged("three actions", change("[\"create\",\"delete\",\"update\"]")));
    c.add(judged("no-op with delete", change("[\"no-op\",\"delete\"]")));
    c.add(judged("delete twice", change("[\"delete\",\"delete\"]")));
    // Forget removes from state only: the default policy passes it, and says so.
    c.add(Arguments.of("forget is listed, not gated", utf8(change("[\"forget\"]")), 0,
        "FORGET   aws_db_instance.main"));
    c.add(judged("replace create-before-destroy is judged", change("[\"create\",\"delete\"]")));
    // Duplicate keys: the last one would otherwise hide the first.
    c.add(refused("duplicate actions key", DESTROY.replace("\"actions\":[\"delete\"]",
        "\"actions\":[\"delete\"],\"actions\":[\"no-op\"]"), "actions"));
    c.add(refused("duplicate resource_changes key", DESTROY.replace("\"terraform_version\"",
        "\"resource_changes\":[],\"terraform_version\""), "resource_changes"));
    c.add(refused("duplicate format_version key", DESTROY.replace("\"terraform_version\"",
        "\"format_version\":\"1.2\",\"terraform_version\""), "format_version"));
    c.add(refused("duplicate address key", DESTROY.replace("\"mode\"",
        "\"address\":\"null_resource.x\",\"mode\""), "address"));
    // Size and depth.
    c.add(refused("10,000-deep arrays", plan("1.2", "[" + DELETE_CHANGE + "]").replace(
        "\"after\":null", "\"after\":" + "[".repeat(10_000) + "]".repeat(10_000)), "depth"));
    c.add(refused("100,000-deep objects", DESTROY.replace("\"after\":null",
        "\"after\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)), "depth"));
    c.add(refused("unterminated 3 MB string", DESTROY.substring(0, 40) + "\""
        + "A".repeat(3_000_000), "plan"));
    c.add(judged("3 MB attribute value is still judged", DESTROY.replace("\"id\":\"db-1\"",
        "\"id\":\"" + "x".repeat(3_000_000) + "\"")));
    c.add(refused("100,000-digit number", DESTROY.replace("\"id\":\"db-1\"",
        "\"id\":1" + "0".repeat(100_000)), "limits"));
    c.add(judged("20,000 no-ops hide one destroy at the end", plan("1.2", "["
        + ("{\"address\":\"null_resource.n\",\"mode\":\"managed\",\"type\":\"null_resource\","
        + "\"name\":\"n\",\"change\":{\"actions\":[\"no-op\"]}},").repeat(20_000)
        + DELETE_CHANGE + "]")));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failsClosed(String name, byte[] content, int exit, String fragment) {
    Path file = Hostile.write(tmp, "plan.json", content);
    Hostile.Outcome o = Hostile.cli("check", "--plan", file.toString());
    if (exit == 0) {
      Hostile.assertPassesSaying(o, fragment);
    } else if (exit == 1) {
      Hostile.assertJudged(o, fragment);
    } else {
      Hostile.assertFailsClosed(o, exit, fragment);
    }
  }
}
