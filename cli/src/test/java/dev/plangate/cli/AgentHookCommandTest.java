package dev.plangate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plangate.core.testing.TerraformScenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent hook fed the tool-call shapes each agent documents (Claude Code PreToolUse, Cursor
 * beforeShellExecution, Gemini CLI BeforeTool), judged against real Terraform plans of the
 * module-rename scenario (an agent renamed module "env" without a moved block).
 */
class AgentHookCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  /** The scenario's directory after the rename: state applied, plan.tfplan saved. */
  static Path infra;

  @BeforeAll
  static void renameTheModule() throws Exception {
    if (TerraformScenarios.available()) {
      infra = TerraformScenarios.plan("module-rename", work).getParent();
    }
  }

  private static void needsTerraform() {
    assumeTrue(infra != null, "terraform is not on PATH: skipping the real-plan hook tests");
  }

  static String claude(String command, Path cwd) {
    return """
        {"session_id":"9f3c2a1e-5b7d-4e8f-a1c2-3d4e5f6a7b8c",
         "transcript_path":"/home/dev/.claude/projects/infra/9f3c2a1e.jsonl",
         "cwd":%s,"permission_mode":"default","hook_event_name":"PreToolUse",
         "tool_name":"Bash","tool_input":{"command":%s,"description":"Apply the change"},
         "tool_use_id":"toolu_01HXq7bJ3zKp"}""".formatted(quote(cwd.toString()), quote(command));
  }

  static String cursor(String command, Path cwd) {
    return """
        {"conversation_id":"6a1f0e2c-0000-4b7e-9c1a-2b3c4d5e6f70",
         "generation_id":"0c9b8a7d-1111-4e2f-8a9b-0c1d2e3f4a5b",
         "hook_event_name":"beforeShellExecution","command":%s,"cwd":%s,
         "workspace_roots":[%s]}""".formatted(quote(command), quote(cwd.toString()),
        quote(cwd.toString()));
  }

  static String gemini(String command, Path cwd) {
    return """
        {"session_id":"3e2d1c0b","transcript_path":"/home/dev/.gemini/tmp/chats/3e2d1c0b.json",
         "cwd":%s,"hook_event_name":"BeforeTool","timestamp":"2026-11-21T10:00:00.000Z",
         "tool_name":"run_shell_command",
         "tool_input":{"command":%s,"description":"Apply the change"}}"""
        .formatted(quote(cwd.toString()), quote(command));
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CliRun hook(String stdin, String... extra) {
    String[] args = new String[extra.length + 1];
    args[0] = "agent-hook";
    System.arraycopy(extra, 0, args, 1, extra.length);
    return CliRun.withInput(Map.of(), stdin, args);
  }

  private static JsonNode json(CliRun r) throws IOException {
    assertThat(r.exitCode()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  // --------------------------------------------------------------- commands that change nothing

  @Test
  void aCommandThatChangesNoInfrastructurePassesInEachAgentsFormat(@TempDir Path dir)
      throws Exception {
    for (String command : new String[] {"ls -la", "terraform plan -out tfplan",
        "git commit -m \"terraform destroy\"", "echo terraform apply"}) {
      CliRun c = hook(claude(command, dir));
      assertThat(c.exitCode()).isZero();
      assertThat(c.out()).as("Claude Code: no opinion, its own rules apply").isEmpty();
      assertThat(json(hook(cursor(command, dir))).path("permission").asText())
          .isEqualTo("allow");
      assertThat(json(hook(gemini(command, dir))).path("decision").asText()).isEqualTo("allow");
    }
  }

  @Test
  void aToolThatRunsNoShellCommandPasses(@TempDir Path dir) {
    String edit = """
        {"session_id":"s","transcript_path":"/t","cwd":"/w","hook_event_name":"PreToolUse",
         "tool_name":"Edit","tool_input":{"file_path":"/w/main.tf","old_string":"a",
         "new_string":"b"},"tool_use_id":"toolu_1"}""";
    CliRun r = hook(edit);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEmpty();
  }

  // ---------------------------------------------------------------------- destroying applies

  @Test
  void applyingASavedPlanThatDestroysAsksThePersonWithTheFindingsAndTheMovedBlock()
      throws Exception {
    needsTerraform();
    JsonNode out = json(hook(claude("terraform apply plan.tfplan", infra)));
    JsonNode specific = out.path("hookSpecificOutput");
    assertThat(specific.path("hookEventName").asText()).isEqualTo("PreToolUse");
    assertThat(specific.path("permissionDecision").asText()).isEqualTo("ask");
    String reason = specific.path("permissionDecisionReason").asText();
    assertThat(reason).contains("`terraform apply plan.tfplan`")
        .contains("plangate: approval required — an AI-authored change destroys")
        .contains("destroy module.env.")
        .contains("depend on it")
        .contains("Likely a rename")
        .contains("from = module.env")
        .contains("to   = module.environment");
  }

  @Test
  void applyingWithoutASavedPlanPlansFirstAndAsksInEveryFormat() throws Exception {
    needsTerraform();
    String command = "terraform apply -auto-approve -input=false";
    JsonNode c = json(hook(cursor(command, infra)));
    assertThat(c.path("permission").asText()).isEqualTo("ask");
    assertThat(c.path("user_message").asText()).contains("destroy module.env.")
        .contains("from = module.env");
    assertThat(c.path("agent_message").asText()).contains("A person must approve this");
    JsonNode g = json(hook(gemini("cd " + infra + " && " + command, infra.getParent())));
    assertThat(g.path("decision").asText()).as("Gemini cannot ask: denied with the reason")
        .isEqualTo("deny");
    assertThat(g.path("reason").asText()).contains("cannot ask the person");
    assertThat(g.path("systemMessage").asText()).contains("destroy module.env.");
    try (var files = Files.list(infra)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("the temporary plan is removed").noneMatch(n -> n.startsWith(".plangate-"));
    }
  }

  @Test
  void applyArgumentsFromTheAgentsEnvironmentNeedAPersonBeforeAnyPlan(@TempDir Path dir)
      throws Exception {
    // terraform apply would take -destroy from the environment; plangate's plan would not.
    for (String name : new String[] {"TF_CLI_ARGS_apply", "TF_CLI_ARGS_destroy"}) {
      JsonNode c = json(CliRun.withInput(Map.of(name, "-destroy"),
          cursor("terraform apply -auto-approve", dir), "agent-hook"));
      assertThat(c.path("permission").asText()).as(name).isEqualTo("ask");
      assertThat(c.path("user_message").asText()).contains("`" + name + "=-destroy`");
    }
    JsonNode mixed = json(CliRun.withInput(Map.of("TF_CLI_ARGS_apply",
        "-parallelism=4 -replace=aws_db_instance.main"), cursor("terraform apply", dir),
        "agent-hook"));
    assertThat(mixed.path("user_message").asText()).contains("-replace=aws_db_instance.main");
    for (String harmless : new String[] {" ", "-parallelism=30 -no-color", "-lock-timeout=60s"}) {
      JsonNode c = json(CliRun.withInput(Map.of("TF_CLI_ARGS_apply", harmless),
          cursor("terraform apply -auto-approve", dir), "agent-hook"));
      assertThat(c.path("user_message").asText()).as(harmless)
          .doesNotContain("TF_CLI_ARGS_apply");
    }
  }

  @Test
  void aProtectedResourceIsDeniedOutright() throws Exception {
    needsTerraform();
    Path policy = work.resolve("protect.yml");
    Files.writeString(policy, "version: 1\nprotect:\n  - address: \"module.env.**\"\n"
        + "    reason: \"the environment is never destroyed by an agent\"\n");
    JsonNode out = json(hook(claude("terraform apply plan.tfplan", infra), "--policy",
        policy.toString()));
    JsonNode specific = out.path("hookSpecificOutput");
    assertThat(specific.path("permissionDecision").asText()).isEqualTo("deny");
    assertThat(specific.path("permissionDecisionReason").asText())
        .contains("plangate refused `terraform apply plan.tfplan`")
        .contains("Do not retry or work around it");
  }

  @Test
  void destroyAndStateRmAlwaysNeedAPerson(@TempDir Path dir) throws Exception {
    JsonNode rm = json(hook(cursor("terraform state rm module.env", dir)));
    assertThat(rm.path("permission").asText()).isEqualTo("ask");
    assertThat(rm.path("user_message").asText()).contains("Terraform forgets them");
    JsonNode destroy = json(hook(claude("terraform destroy -auto-approve", dir)));
    assertThat(destroy.path("hookSpecificOutput").path("permissionDecision").asText())
        .as("not a Terraform directory: no plan, so a person decides").isEqualTo("ask");
  }

  @Test
  void executingAChangeSetIsJudgedByTheChangeSetTheAwsCliDescribes(@TempDir Path dir)
      throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path changeSet = CliRun.repoRoot().resolve("examples/cloudformation-changeset/changeset.json");
    Path aws = bin.resolve("aws");
    Files.writeString(aws, "#!/bin/sh\necho \"$@\" > \"" + dir.resolve("args.txt") + "\"\n"
        + "cat '" + changeSet + "'\n");
    aws.toFile().setExecutable(true);
    String command = "aws cloudformation execute-change-set --change-set-name orders-key"
        + " --stack-name orders --region eu-west-1 --client-request-token abc";
    CliRun r = CliRun.withInput(Map.of("PATH", bin + ":" + System.getenv("PATH")),
        cursor(command, dir), "agent-hook");
    JsonNode out = json(r);
    assertThat(out.path("permission").asText()).isEqualTo("ask");
    assertThat(out.path("user_message").asText()).contains("replace")
        .contains("OrdersTable").contains("requires replacement: KeySchema");
    assertThat(Files.readString(dir.resolve("args.txt")).strip()).isEqualTo("cloudformation"
        + " describe-change-set --change-set-name orders-key --stack-name orders --region"
        + " eu-west-1 --include-property-values --output json");

    Files.writeString(aws, "#!/bin/sh\necho 'An error occurred (ChangeSetNotFound) when"
        + " calling the DescribeChangeSet operation: ChangeSet [orders-key] does not exist' >&2\n"
        + "exit 254\n");
    JsonNode failed = json(CliRun.withInput(Map.of("PATH", bin + ":" + System.getenv("PATH")),
        cursor(command, dir), "agent-hook"));
    assertThat(failed.path("permission").asText()).isEqualTo("ask");
    assertThat(failed.path("user_message").asText()).contains("could not read the change set")
        .contains("ChangeSetNotFound");
  }

  @Test
  void aToolPlangateCannotPreviewNeedsAPerson(@TempDir Path dir) throws Exception {
    JsonNode out = json(hook(claude("npx aws-cdk deploy --all --require-approval never", dir)));
    assertThat(out.path("hookSpecificOutput").path("permissionDecision").asText())
        .isEqualTo("ask");
  }

  // ------------------------------------------------------------------------ fail closed

  @Test
  void inputThatIsNotAKnownToolCallIsRefused() {
    for (String input : new String[] {"not json", "{\"tool\":\"bash\",\"cmd\":\"ls\"}", "[]",
        ""}) {
      CliRun r = hook(input);
      assertThat(r.exitCode()).as(input).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).startsWith("plangate: refused: ");
    }
  }

  @Test
  void aKnownShapeWithoutItsCommandIsDeniedInThatAgentsFormat(@TempDir Path dir)
      throws Exception {
    ObjectNode broken = (ObjectNode) JSON.readTree(claude("ls", dir));
    ((ObjectNode) broken.path("tool_input")).remove("command");
    JsonNode out = json(hook(broken.toString()));
    assertThat(out.path("hookSpecificOutput").path("permissionDecision").asText())
        .isEqualTo("deny");
    assertThat(out.path("hookSpecificOutput").path("permissionDecisionReason").asText())
        .contains("tool_input.command is missing");
    JsonNode forced = json(hook("garbage", "--agent", "cursor"));
    assertThat(forced.path("permission").asText()).isEqualTo("deny");
    assertThat(hook("{}", "--agent", "nobody").exitCode()).isEqualTo(2);
  }

  @Test
  void aCwdJavaCannotHoldIsDeniedNotACrash() throws Exception {
    String input = claude("terraform state rm x", Path.of("/tmp")).replace("\"cwd\":\"/tmp\"",
        "\"cwd\":\"/tmp/\\u0000x\"");
    JsonNode out = json(hook(input));
    assertThat(out.path("hookSpecificOutput").path("permissionDecision").asText())
        .isEqualTo("deny");
    assertThat(out.path("hookSpecificOutput").path("permissionDecisionReason").asText())
        .contains("cwd is not a usable path");
  }

  @Test
  void aPolicyThatCannotBeReadDeniesInfrastructureCommandsOnly(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve(".plangate.yml"), "version: 1\naproval: {}\n");
    assertThat(hook(claude("ls", dir)).out()).isEmpty();
    JsonNode out = json(hook(claude("terraform apply tfplan", dir)));
    assertThat(out.path("hookSpecificOutput").path("permissionDecision").asText())
        .isEqualTo("deny");
    assertThat(out.path("hookSpecificOutput").path("permissionDecisionReason").asText())
        .contains("cannot read the policy");
  }

  // ------------------------------------------------------------------------------ audit

  @Test
  void everyDecisionOnAnInfrastructureCommandIsAppendedToTheAuditLog(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("audit/plangate.log");
    assertThat(hook(claude("ls", dir), "--audit-log", log.toString()).exitCode()).isZero();
    assertThat(log).as("commands that change nothing are not logged").doesNotExist();
    json(hook(claude("terraform state rm module.env", dir), "--audit-log", log.toString()));
    json(hook(cursor("pulumi destroy --yes", dir), "--audit-log", log.toString()));

    var lines = Files.readAllLines(log);
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.path("source").asText()).isEqualTo("agent-hook");
    assertThat(first.path("command").asText()).isEqualTo("terraform state rm module.env");
    assertThat(first.path("agent").asText()).isEqualTo("Claude Code");
    assertThat(first.path("decision").asText()).isEqualTo("ask");
    assertThat(JSON.readTree(lines.get(1)).path("agent").asText()).isEqualTo("Cursor");
    CliRun verify = CliRun.run("audit", "verify", log.toString());
    assertThat(verify.exitCode()).as(verify.err()).isZero();
    assertThat(verify.out()).startsWith("ok: 2 entries, head ");
  }

  @Test
  void thePolicyCanNameTheAuditLog(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".plangate.yml"), "version: 1\nauditLog: \"decisions.log\"\n");
    json(hook(claude("terraform state rm x", dir)));
    assertThat(Files.readAllLines(dir.resolve("decisions.log"))).hasSize(1);
    Path option = dir.resolve("elsewhere.log");
    json(hook(claude("terraform state rm y", dir), "--audit-log", option.toString()));
    assertThat(option).as("the command line wins").exists();
    assertThat(Files.readAllLines(dir.resolve("decisions.log"))).hasSize(1);
  }

  @Test
  void anAuditLogThatCannotBeWrittenDeniesTheCommand(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("log-is-a-dir"));
    JsonNode out = json(hook(cursor("terraform state rm x", dir), "--audit-log",
        dir.resolve("log-is-a-dir").toString()));
    assertThat(out.path("permission").asText()).isEqualTo("deny");
    assertThat(out.path("agent_message").asText()).contains("cannot append to the audit log");
  }

  @Test
  void aCheckIsAuditedToo(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("plangate.log");
    CliRun r = CliRun.run("check", "--plan", CliRun.kiro().toString(), "--audit-log",
        log.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    JsonNode line = JSON.readTree(Files.readAllLines(log).get(0));
    assertThat(line.path("source").asText()).isEqualTo("check");
    assertThat(line.path("decision").asText()).isEqualTo("approval_required");
    assertThat(line.path("command").asText()).startsWith("plangate check --plan ");
    assertThat(line.path("findings").path("destroy").asInt()).isEqualTo(9);
  }

  // --------------------------------------------------------------------------- install

  @Test
  void installMergesIntoWhatIsThereAndReplacesItsOwnEntry(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".claude"));
    Files.writeString(dir.resolve(".claude/settings.json"), """
        {"permissions":{"allow":["Bash(npm test)"]},
         "hooks":{"PreToolUse":[{"matcher":"Edit","hooks":[{"type":"command","command":"lint"}]}]}}
        """);
    for (int i = 0; i < 2; i++) {
      CliRun r = CliRun.run("agent-hook", "install", "--agent", "claude-code", "--dir",
          dir.toString());
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    JsonNode s = JSON.readTree(dir.resolve(".claude/settings.json").toFile());
    assertThat(s.path("permissions").path("allow").get(0).asText()).isEqualTo("Bash(npm test)");
    JsonNode groups = s.path("hooks").path("PreToolUse");
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).path("matcher").asText()).isEqualTo("Edit");
    assertThat(groups.get(1).path("matcher").asText()).isEqualTo("Bash|mcp__.*");
    assertThat(groups.get(1).path("hooks").get(0).path("command").asText())
        .endsWith(" agent-hook --agent claude-code || exit 2");
    assertThat(groups.get(1).path("hooks").get(0).path("timeout").asInt()).isEqualTo(600);

    assertThat(CliRun.run("agent-hook", "install", "--agent", "cursor", "--dir",
        dir.toString()).exitCode()).isZero();
    JsonNode c = JSON.readTree(dir.resolve(".cursor/hooks.json").toFile());
    assertThat(c.path("version").asInt()).isEqualTo(1);
    assertThat(c.path("hooks").path("beforeShellExecution").get(0).path("command").asText())
        .endsWith(" agent-hook --agent cursor || exit 2");

    assertThat(CliRun.run("agent-hook", "install", "--agent", "gemini", "--dir",
        dir.toString()).exitCode()).isZero();
    JsonNode g = JSON.readTree(dir.resolve(".gemini/settings.json").toFile());
    assertThat(g.path("hooks").path("BeforeTool").get(0).path("matcher").asText())
        .isEqualTo("run_shell_command");
  }

  @Test
  void installNeverOverwritesAFileItCannotRead(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".cursor"));
    Files.writeString(dir.resolve(".cursor/hooks.json"), "[1, 2]");
    CliRun r = CliRun.run("agent-hook", "install", "--agent", "cursor", "--dir", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("does not hold a JSON object");
    assertThat(Files.readString(dir.resolve(".cursor/hooks.json"))).isEqualTo("[1, 2]");
  }
}
