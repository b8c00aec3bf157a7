package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/**
 * What a person sees for each mistake: the exact {@code FILE:LINE:COL: message}, because the
 * message is the product here.
 */
class PolicyErrorsTest {

  /** The error lines (without the summary) for a text that must be rejected. */
  static String errors(String yaml) {
    PolicyException e = catchThrowableOfType(PolicyException.class,
        () -> PolicyLoader.parse(yaml, "p.yml"));
    assertThat(e).as("expected a PolicyException for:\n" + yaml).isNotNull();
    String message = e.getMessage();
    assertThat(message).startsWith("p.yml is not a valid plangate policy (");
    return message.substring(message.indexOf('\n') + 1);
  }

  @Test
  void theFirstLineSummarisesAndEveryErrorFollows() {
    PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLoader.parse(
        "aproval: {}\nhumanOnly: maybe\nplans: {a: b}\n", ".plangate.yml"));
    assertThat(e.getMessage()).isEqualTo("""
        .plangate.yml is not a valid plangate policy (3 errors):
        .plangate.yml:1:1: unknown key "aproval" (did you mean "approval"?)
        .plangate.yml:2:12: "humanOnly" must be one of warn, pass, require-approval, not "maybe"
        .plangate.yml:3:8: "plans" must be a list of strings, not a mapping""");
  }

  @Test
  void oneErrorStillHasTheSummaryLine() {
    PolicyException e = catchThrowableOfType(PolicyException.class,
        () -> PolicyLoader.parse("version: 2\n", "x.yml"));
    assertThat(e.getMessage()).isEqualTo("x.yml is not a valid plangate policy (1 error):\n"
        + "x.yml:1:10: \"version\" must be 1, not the number 2");
  }

  // ---- YAML syntax -------------------------------------------------------------------------

  @Test
  void badIndentation() {
    assertThat(errors("approval:\n  label: x\n actions: [delete]\n")).isEqualTo(
        "p.yml:3:2: expected <block end>, but found '<block mapping start>'"
            + " (while parsing a block mapping that starts at 1:1)");
  }

  @Test
  void valueIndentedUnderAValue() {
    assertThat(errors("approval:\n  label: x\n    actions: [delete]\n")).isEqualTo(
        "p.yml:3:12: mapping values are not allowed here");
  }

  @Test
  void unclosedQuoteIsReportedWhereTheQuoteStarts() {
    assertThat(errors("humanOnly: warn\napproval:\n  label: \"abc\nplans: []\n")).isEqualTo(
        "p.yml:5:1: found unexpected end of stream"
            + " (while scanning a quoted scalar that starts at 3:10)");
  }

  @Test
  void tabsForIndentation() {
    assertThat(errors("approval:\n\tlabel: x\n")).startsWith(
        "p.yml:2:1: found character '\\t(TAB)' that cannot start any token.");
  }

  @Test
  void twoDocuments() {
    assertThat(errors("humanOnly: warn\n---\nhumanOnly: pass\n")).isEqualTo(
        "p.yml:2:1: but found another document (expected a single document in the stream"
            + " that starts at 1:1)");
  }

  // ---- structure ---------------------------------------------------------------------------

  @Test
  void topLevelMustBeAMapping() {
    assertThat(errors("- a\n- b\n")).isEqualTo(
        "p.yml:1:1: the policy file must be a mapping, not a list");
    assertThat(errors("just text\n")).isEqualTo(
        "p.yml:1:1: the policy file must be a mapping, not \"just text\"");
  }

  @Test
  void unknownKeyAtTopLevelWithSuggestion() {
    assertThat(errors("version: 1\naproval:\n  label: x\n")).isEqualTo(
        "p.yml:2:1: unknown key \"aproval\" (did you mean \"approval\"?)");
    assertThat(errors("human_only: pass\n")).isEqualTo(
        "p.yml:1:1: unknown key \"human_only\" (did you mean \"humanOnly\"?)");
  }

  @Test
  void unknownKeyWithoutACloseMatchListsTheKnownOnes() {
    assertThat(errors("approval:\n  colour: red\n")).isEqualTo(
        "p.yml:2:3: unknown key \"colour\" in \"approval\"; the keys allowed here are"
            + " actions, label, approvers, criticalApprovers");
  }

  @Test
  void unknownKeyNestedWithSuggestion() {
    assertThat(errors("approval:\n  lable: x\nprotect:\n  - type: a\n    adress: b\n"))
        .isEqualTo("""
            p.yml:2:3: unknown key "lable" in "approval" (did you mean "label"?)
            p.yml:5:5: unknown key "adress" in "protect[0]" (did you mean "address"?)""");
  }

  @Test
  void wrongTypes() {
    assertThat(errors("plans: {a: b}\n")).isEqualTo(
        "p.yml:1:8: \"plans\" must be a list of strings, not a mapping");
    assertThat(errors("approval:\n  label: 123\n")).isEqualTo(
        "p.yml:2:10: \"approval.label\" must be a string, not the number 123"
            + " (put it in quotes to make it a string)");
    assertThat(errors("approval:\n  actions: delete\n")).isEqualTo(
        "p.yml:2:12: \"approval.actions\" must be a list of delete, replace or forget,"
            + " not \"delete\" (a list of one is written [delete])");
    assertThat(errors("criticality:\n  - type: x\n    critical: maybe\n")).isEqualTo(
        "p.yml:3:15: \"criticality[0].critical\" must be true or false, not \"maybe\"");
  }

  @Test
  void anEmptyValueIsReportedAtItsKey() {
    assertThat(errors("version: 1\napproval:\nplans: []\n")).isEqualTo(
        "p.yml:2:1: \"approval\" must be a mapping, not empty");
  }

  @Test
  void badEnumValues() {
    assertThat(errors("humanOnly: maybe\n")).isEqualTo(
        "p.yml:1:12: \"humanOnly\" must be one of warn, pass, require-approval, not \"maybe\"");
    assertThat(errors("humanOnly: require_approval\n")).isEqualTo(
        "p.yml:1:12: \"humanOnly\" must be one of warn, pass, require-approval,"
            + " not \"require_approval\" (did you mean \"require-approval\"?)");
    assertThat(errors("approval:\n  actions: [delete, destroy]\n")).isEqualTo(
        "p.yml:2:21: \"approval.actions[1]\" must be one of delete, replace, forget,"
            + " not \"destroy\"");
    assertThat(errors("unknownAuthorship: no\n")).isEqualTo(
        "p.yml:1:20: \"unknownAuthorship\" must be one of ai, human, not the boolean no");
  }

  @Test
  void repeatedActionsAndEmptyProtectActions() {
    assertThat(errors("approval:\n  actions: [delete, delete]\n")).isEqualTo(
        "p.yml:2:21: \"approval.actions\" lists \"delete\" more than once");
    assertThat(errors("protect:\n  - type: x\n    actions: []\n")).isEqualTo(
        "p.yml:3:14: \"protect[0].actions\" must list at least one value");
  }

  @Test
  void protectAndCriticalityNeedTypeOrAddress() {
    assertThat(errors("protect:\n  - reason: why\n")).isEqualTo(
        "p.yml:2:5: \"protect[0]\" needs \"type\" or \"address\"");
    assertThat(errors("criticality:\n  - critical: true\n")).isEqualTo(
        "p.yml:2:5: \"criticality[0]\" needs \"type\" or \"address\"");
  }

  @Test
  void badAddressGlobs() {
    assertThat(errors("protect:\n  - address: \"aws_instance.web]\"\n")).isEqualTo(
        "p.yml:2:14: \"protect[0].address\" is not a valid glob (\"]\" at position 17 has no"
            + " \"[\"): \"aws_instance.web]\"");
    assertThat(errors("waivers:\n  - address: 'module.a[\"x'\n    reason: r\n"
        + "    expires: 2026-01-01\n")).isEqualTo(
        "p.yml:2:14: \"waivers[0].address\" is not a valid glob (unterminated quote):"
            + " \"module.a[\\\"x\"");
    assertThat(errors("criticality:\n  - type: \"aws db\"\n    critical: true\n")).isEqualTo(
        "p.yml:2:11: \"criticality[0].type\" is not a valid glob (whitespace at position 4"
            + " (addresses contain none outside quoted keys)): \"aws db\"");
  }

  @Test
  void badPlanGlobs() {
    assertThat(errors("plans:\n  - \"infra/[plan.json\"\n")).isEqualTo(
        "p.yml:2:5: \"plans[0]\" is not a valid glob (a \"[\" is never closed):"
            + " \"infra/[plan.json\"");
    assertThat(errors("plans:\n  - /srv/infra/plan.json\n")).isEqualTo(
        "p.yml:2:5: \"plans[0]\" must be relative to the repository root, not absolute:"
            + " \"/srv/infra/plan.json\"");
    assertThat(errors("plans: [ok.json, \"../other/plan.json\"]\n")).isEqualTo(
        "p.yml:1:18: \"plans[1]\" must stay inside the repository (no \"..\"):"
            + " \"../other/plan.json\"");
    assertThat(errors("plans: [\"infra/{a,../b}/plan.json\"]\n")).contains(
        "must stay inside the repository");
    assertThat(errors("plans: [\"./infra/plan.json\"]\n")).contains("leave the \".\" steps out");
    assertThat(errors("plans: [\"C:\\\\infra\\\\plan.json\"]\n")).contains("not absolute");
  }

  /** Each ** multiplies the time the JDK takes to match a path; a few make pre-push hang. */
  @Test
  void planGlobsHaveAtMostTwoDoubleStars() throws Exception {
    assertThat(errors("plans: [\"**a**a**a**a**b\"]\n")).isEqualTo(
        "p.yml:1:9: \"plans[0]\" has 5 \"**\"; at most 2 are allowed, since each one multiplies"
            + " the time matching a path takes (list several globs instead): \"**a**a**a**a**b\"");
    assertThat(errors("plans: [\"{infra/**,envs/**,x/**}/plan.json\"]\n")).contains("has 3 \"**\"");
    assertThat(PolicyLoader.parse("plans: [\"infra/**/envs/**/plan.json\", \"**/plan.json\"]\n",
        "p.yml").plans()).hasSize(2);
  }

  @Test
  void badRegularExpressions() {
    assertThat(errors("signals:\n  - agent: a\n    message: \"(unclosed\"\n")).isEqualTo(
        "p.yml:3:14: \"signals[0].message\" is not a valid regular expression (unclosed group"
            + " at position 10): \"(unclosed\"");
    assertThat(errors("signals:\n  - agent: a\n    trailer: X\n    value: \"[a\"\n")).contains(
        "p.yml:4:12: \"signals[0].value\" is not a valid regular expression");
    assertThat(errors("signals:\n  - agent: a\n    name: \"*bot\"\n")).contains(
        "p.yml:3:11: \"signals[0].name\" is not a valid regular expression (dangling meta"
            + " character '*' at position 1)");
  }

  @Test
  void waiverNeedsReasonAndExpiry() {
    assertThat(errors("waivers:\n  - address: a.b\n")).isEqualTo("""
        p.yml:2:5: "waivers[0]" is missing the required key "expires"
        p.yml:2:5: "waivers[0]" is missing the required key "reason\"""");
    assertThat(errors("waivers:\n  - address: a.b\n    reason: \"  \"\n    expires: 2026-01-01\n"))
        .isEqualTo("p.yml:3:13: \"waivers[0].reason\" must say something, not only spaces");
    assertThat(errors("waivers:\n  - address: a.b\n    reason: \"\"\n    expires: 2026-01-01\n"))
        .isEqualTo("p.yml:3:13: \"waivers[0].reason\" must not be empty");
  }

  @Test
  void waiverExpiryMustBeARealDate() {
    assertThat(errors("waivers:\n  - address: a.b\n    reason: r\n    expires: 2026-02-30\n"))
        .isEqualTo("p.yml:4:14: \"waivers[0].expires\" is not a real date: 2026-02-30"
            + " (Invalid date 'FEBRUARY 30')");
    assertThat(errors("waivers:\n  - address: a.b\n    reason: r\n    expires: 31.12.2026\n"))
        .isEqualTo("p.yml:4:14: \"waivers[0].expires\" must match ^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
            + " (for example \"2026-12-31\"), not \"31.12.2026\"");
    assertThat(errors("waivers:\n  - address: a.b\n    reason: r\n    expires: 2026-13-01\n"))
        .contains("p.yml:4:14: \"waivers[0].expires\" is not a real date: 2026-13-01 (");
  }

  @Test
  void signalWithTwoMatcherKeys() {
    assertThat(errors("signals:\n  - agent: a\n    trailer: X-Agent\n    email: b@c.d\n"))
        .isEqualTo("p.yml:4:5: \"signals[0]\" has both \"trailer\" and \"email\"; give only one"
            + " of trailer, email, name, message, branchPrefix, env");
  }

  @Test
  void signalWithoutMatcherOrAgent() {
    assertThat(errors("signals:\n  - confidence: high\n")).isEqualTo("""
        p.yml:2:5: "signals[0]" is missing the required key "agent"
        p.yml:2:5: "signals[0]" needs one of "trailer", "email", "name", "message", \
        "branchPrefix" or "env\"""");
  }

  @Test
  void signalValueOnlyWithTrailerOrEnv() {
    assertThat(errors("signals:\n  - agent: a\n    email: b@c.d\n    value: x\n")).isEqualTo(
        "p.yml:4:5: \"signals[0].value\" only goes with \"trailer\" or \"env\", not with"
            + " \"email\"");
  }

  @Test
  void signalKeysHaveAShape() {
    assertThat(errors("signals:\n  - agent: a\n    trailer: \"Acme Agent\"\n")).isEqualTo(
        "p.yml:3:14: \"signals[0].trailer\" must match ^[A-Za-z0-9][A-Za-z0-9-]*$"
            + " (for example \"Acme-Agent\"), not \"Acme Agent\"");
    assertThat(errors("signals:\n  - agent: a\n    confidence: certain\n    env: X\n"))
        .isEqualTo("p.yml:3:17: \"signals[0].confidence\" must be one of high, medium, low,"
            + " not \"certain\"");
  }

  @Test
  void blankPlanCommandAndCategory() {
    assertThat(errors("planCommand: \" \"\n")).isEqualTo(
        "p.yml:1:14: \"planCommand\" must say something, not only spaces");
    assertThat(errors("criticality:\n  - type: a\n    critical: true\n    category: \"\"\n"))
        .isEqualTo("p.yml:4:15: \"criticality[0].category\" must not be empty");
  }

  @Test
  void everyErrorIsReportedAtOnceInDocumentOrder() {
    String out = errors("""
        version: 3
        aproval: {}
        humanOnly: maybe
        protect:
          - adress: x
        waivers:
          - address: "a]"
            reason: r
            expires: 2026-02-30
        signals:
          - agent: a
            trailer: T
            env: E
        plans: ["/abs", "x/[y"]
        """);
    assertThat(out.split("\n")).containsExactly(
        "p.yml:1:10: \"version\" must be 1, not the number 3",
        "p.yml:2:1: unknown key \"aproval\" (did you mean \"approval\"?)",
        "p.yml:3:12: \"humanOnly\" must be one of warn, pass, require-approval, not \"maybe\"",
        "p.yml:5:5: \"protect[0]\" needs \"type\" or \"address\"",
        "p.yml:5:5: unknown key \"adress\" in \"protect[0]\" (did you mean \"address\"?)",
        "p.yml:7:14: \"waivers[0].address\" is not a valid glob (\"]\" at position 2 has no"
            + " \"[\"): \"a]\"",
        "p.yml:9:14: \"waivers[0].expires\" is not a real date: 2026-02-30"
            + " (Invalid date 'FEBRUARY 30')",
        "p.yml:13:5: \"signals[0]\" has both \"trailer\" and \"env\"; give only one of trailer,"
            + " email, name, message, branchPrefix, env",
        "p.yml:14:9: \"plans[0]\" must be relative to the repository root, not absolute:"
            + " \"/abs\"",
        "p.yml:14:17: \"plans[1]\" is not a valid glob (a \"[\" is never closed): \"x/[y\"");
  }

  @Test
  void versionMustBeTheNumberOne() {
    assertThat(errors("version: \"1\"\n")).isEqualTo(
        "p.yml:1:10: \"version\" must be 1, not \"1\"");
  }
}
