package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plangate.core.agent.ApplyGuard.Outcome;
import dev.plangate.core.agent.ApplyGuard.Outcome.Kind;
import dev.plangate.core.gate.ApprovalRoute;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.gate.Fingerprint;
import dev.plangate.core.plan.ExternalTool;
import dev.plangate.core.policy.Policy;
import dev.plangate.core.policy.PolicyLoader;
import dev.plangate.core.report.Report;
import dev.plangate.core.testing.TerraformScenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The guard an agent's hook and the apply wrapper ask before a shell command runs: what it lets
 * through, what it leaves to a person, what it refuses, and the words each of them reads. Saved
 * plans are hand-written Terraform JSON; the plans the guard makes itself come from the real
 * terraform binary with the builtin terraform_data resource (skipped without terraform); the AWS
 * CLI is a script on a PATH of the test's own, so nothing reaches a network.
 */
class ApplyGuardTest {
  private static final String AI_DESTROYS_ONE = "plangate: approval required — an AI-authored"
      + " change destroys 1 resource (1 critical)";
  private static final String BUCKET_LINE = "  destroy aws_s3_bucket.logs (bucket; no reason"
      + " given; dependencies unknown)";

  @TempDir Path dir;
  /** The agent's PATH: an empty directory, or one holding a fake {@code aws}. */
  private Path bin;

  @BeforeEach
  void plans() throws Exception {
    bin = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(dir.resolve("create.json"), plan(change("aws_instance.web", "create")));
    Files.writeString(dir.resolve("del.json"), plan(change("aws_s3_bucket.logs", "delete"),
        change("aws_instance.web", "create")));
  }

  static String change(String address, String... actions) {
    int dot = address.lastIndexOf('.');
    return "{\"address\":\"" + address + "\",\"mode\":\"managed\",\"type\":\""
        + address.substring(0, dot) + "\",\"name\":\"" + address.substring(dot + 1)
        + "\",\"change\":{\"actions\":[" + Stream.of(actions).map(a -> "\"" + a + "\"")
            .collect(Collectors.joining(",")) + "]}}";
  }

  static String plan(String... changes) {
    return "{\"format_version\":\"1.2\",\"resource_changes\":[" + String.join(",", changes)
        + "]}";
  }

  private ApplyGuard guard() {
    return guard(Policy.defaults(), Map.of());
  }

  private ApplyGuard guard(Policy policy, Map<String, String> extraEnv) {
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put("PATH", bin.toString());
    return new ApplyGuard(policy, env, "claude-code", new PlanProducer(120));
  }

  private static void assertAsks(Outcome o, String why) {
    assertThat(o.kind()).isEqualTo(Kind.ASK);
    assertThat(o.forPerson()).isEqualTo(why);
    assertThat(o.forAgent()).isEqualTo(why);
    assertThat(o.reports()).isEmpty();
    assertThat(o.fingerprint()).as("nothing a plan could fingerprint").isNull();
  }

  // ---- lines the guard judges without a plan ----------------------------------------------

  @Test
  void aLineThatChangesNoInfrastructureRunsWithNothingToApprove() {
    Outcome o = guard().check("ls -la && git status && terraform plan", dir);
    assertThat(o.kind()).isEqualTo(Kind.ALLOW);
    assertThat(o.commands()).isEmpty();
    assertThat(o.reports()).isEmpty();
    assertThat(o.forPerson()).isEmpty();
    assertThat(o.forAgent()).isEmpty();
    assertThat(o.fingerprint()).isNull();
  }

  @Test
  void theAgentsProtocolsReadTheAnswerAsOneLowerCaseWord() {
    assertThat(Stream.of(Kind.values()).map(Kind::id)).containsExactly("allow", "ask", "deny");
  }

  @Test
  void aTableRuleThatAsksLeavesTheCommandToAPersonWithTheRulesReason() {
    assertAsks(guard().check("rm terraform.tfstate", dir), "`rm terraform.tfstate`: removes a"
        + " Terraform state file: Terraform forgets every resource it tracked (they keep"
        + " running, unmanaged, and the next apply creates them again); a person decides.");
  }

  @Test
  void aDenyRuleOfTheRepositoryRefusesAndTellsTheAgentNotToWorkAroundIt() throws Exception {
    Files.createDirectories(dir.resolve(".plangate"));
    Files.writeString(dir.resolve(DestructiveCommands.USER_FILE),
        "deny\tnuke *\twipes every account\n");
    DestructiveCommands table = DestructiveCommands.forRepository(dir);
    Outcome o = guard().check("nuke prod", dir, table);
    assertThat(o.kind()).isEqualTo(Kind.DENY);
    assertThat(o.forPerson()).isEqualTo("`nuke prod`: wipes every account");
    assertThat(o.forAgent()).isEqualTo("plangate refused `nuke prod`: wipes every account. Do"
        + " not retry or work around it; tell the person.");
    assertThat(o.fingerprint()).isNull();

    // Several answers on one line: the worst wins, and every part that is not allowed is shown.
    Outcome both = guard().check("rm terraform.tfstate; nuke prod", dir, table);
    assertThat(both.kind()).isEqualTo(Kind.DENY);
    assertThat(both.commands()).hasSize(2);
    assertThat(both.forPerson()).startsWith("`rm terraform.tfstate`: removes a Terraform state"
        + " file").endsWith("; a person decides.\n\n`nuke prod`: wipes every account");
    assertThat(both.forAgent()).endsWith("a person decides. plangate refused `nuke prod`:"
        + " wipes every account. Do not retry or work around it; tell the person.");
    Outcome reversed = guard().check("nuke prod; rm terraform.tfstate", dir, table);
    assertThat(reversed.kind()).as("the worst, whatever the order").isEqualTo(Kind.DENY);
  }

  @Test
  void aToolWhoseSubcommandCannotBeReadIsLeftToAPerson() {
    assertAsks(guard().check("terraform $SUBCOMMAND -auto-approve", dir), "plangate cannot"
        + " tell what `terraform $SUBCOMMAND -auto-approve` runs (it mentions an infrastructure"
        + " tool, but the line cannot be read reliably); a person decides.");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "pulumi up --yes|Pulumi",
      "cdk deploy|the AWS CDK",
      "terragrunt apply|Terragrunt",
      "aws cloudformation deploy --stack-name web --template-file t.yml|CloudFormation",
      // without an aws binary on the agent's PATH the change set cannot be fetched
      "aws cloudformation execute-change-set --change-set-name cs --stack-name web"
          + "|CloudFormation"})
  void whatPlangateCannotPreviewIsLeftToAPersonNamingTheTool(String line, String tool) {
    Outcome o = guard().check(line, dir);
    assertAsks(o, "`" + line + "` changes infrastructure, and plangate cannot preview what "
        + tool + " would do from here; a person decides.");
    assertThat(o.commands()).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"terraform state rm aws_s3_bucket.logs",
      "tofu workspace delete staging"})
  void forgettingStateIsLeftToAPersonSayingWhatTerraformForgets(String line) {
    assertAsks(guard().check(line, dir), "`" + line + "` removes resources from the Terraform"
        + " state: Terraform forgets them (they keep running, unmanaged, and a later apply may"
        + " create them again); a person decides.");
  }

  @Test
  void aStateChangeIsLeftToAPersonWithWhatItDoes() {
    assertAsks(guard().check("terraform taint aws_instance.web", dir), "`terraform taint"
        + " aws_instance.web`: marks a resource for replacement: the next apply destroys and"
        + " re-creates it; a person decides.");
  }

  @Test
  void controlCharactersOfTheLineReachNeitherThePersonNorTheAgent() {
    Outcome o = guard().check("pulumi up --stack \"$(printf 'x')\u001b[2J\"", dir);
    assertThat(o.kind()).isEqualTo(Kind.ASK);
    assertThat(o.forPerson()).doesNotContain("\u001b");
    assertThat(o.forAgent()).doesNotContain("\u001b");
  }

  @Test
  void aDirectoryOrPlanFileNoPathCanNameIsLeftToAPerson() {
    assertAsks(guard().check("cd a\u0000b && terraform apply create.json", dir), "`terraform"
        + " apply create.json` runs in a directory plangate cannot name (Nul character not"
        + " allowed: a\\u0000b); a person decides.");
    assertAsks(guard().check("terraform apply a\u0000b.json", dir), "plangate could not make"
        + " the plan `terraform apply a\\u0000b.json` would apply: Nul character not allowed:"
        + " a\\u0000b.json; a person decides.");
  }

  // ---- saved plans -------------------------------------------------------------------------

  @Test
  void aSavedPlanThatOnlyCreatesRunsAndItsReportIsKept() {
    Outcome o = guard().check("terraform apply create.json", dir);
    assertThat(o.kind()).isEqualTo(Kind.ALLOW);
    assertThat(o.forPerson()).isEmpty();
    assertThat(o.forAgent()).isEmpty();
    assertThat(o.commands()).extracting(InfraCommand::planFile).containsExactly("create.json");
    assertThat(o.reports()).hasSize(1);
    assertThat(o.reports().get(0).decision()).isEqualTo(Decision.PASS);
    assertThat(o.fingerprint()).isNotNull().isEqualTo(o.reports().get(0).fingerprint());
    assertThat(dir.resolve("create.json")).as("a saved plan is the user's: it stays")
        .isRegularFile();
  }

  @Test
  void aSavedPlanThatDestroysNeedsAPersonWhoSeesWhatItDestroys() {
    Outcome o = guard().check("terraform apply del.json", dir);
    assertThat(o.kind()).isEqualTo(Kind.ASK);
    assertThat(o.forPerson().split("\n")).containsExactly("`terraform apply del.json`",
        AI_DESTROYS_ONE, BUCKET_LINE);
    assertThat(o.forAgent()).isEqualTo(AI_DESTROYS_ONE + ". A person must approve this; if they"
        + " decline, do not retry or work around it.");
    assertThat(o.reports()).singleElement().extracting(Report::decision)
        .isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(o.fingerprint()).isEqualTo(o.reports().get(0).fingerprint())
        .isNotEqualTo(guard().check("terraform apply create.json", dir).fingerprint());
  }

  @Test
  void theSavedPlanIsReadWhereTheCommandRuns() throws Exception {
    Path infra = Files.createDirectories(dir.resolve("infra"));
    Files.move(dir.resolve("del.json"), infra.resolve("del.json"));
    assertThat(guard().check("terraform -chdir=infra apply del.json", dir).forPerson())
        .contains(BUCKET_LINE);
    assertThat(guard().check("cd infra && terraform apply del.json", dir).forPerson())
        .contains(BUCKET_LINE);
    assertThat(guard().check("cd infra/.. && terraform apply create.json", dir).kind())
        .isEqualTo(Kind.ALLOW);
  }

  @Test
  void outsideAnAgentThePersonIsToldHowToApprove() {
    ApplyGuard wrapper = new ApplyGuard(Policy.defaults(), Map.of("PATH", bin.toString()), null,
        new PlanProducer(120), ApprovalRoute.APPLY_WRAPPER);
    Outcome o = wrapper.check("terraform apply del.json", dir);
    assertThat(o.kind()).isEqualTo(Kind.ASK);
    assertThat(o.forPerson()).contains(BUCKET_LINE)
        .contains("plangate apply --approve " + o.fingerprint() + " -- <the same command>");
    // in an agent's hook the agent's own prompt is the question
    assertThat(guard().check("terraform apply del.json", dir).forPerson())
        .doesNotContain("--approve").doesNotContain("To approve");
  }

  @Test
  void aDestroyOfWhatThePolicyProtectsIsRefused() throws Exception {
    Policy protect = PolicyLoader.parse("protect:\n  - address: aws_s3_bucket.logs\n",
        ".plangate.yml");
    Outcome o = guard(protect, Map.of()).check("terraform apply del.json", dir);
    assertThat(o.kind()).isEqualTo(Kind.DENY);
    String headline = "plangate: blocked — the change destroys protected resource"
        + " aws_s3_bucket.logs";
    assertThat(o.forPerson().split("\n")).startsWith("`terraform apply del.json`", headline);
    assertThat(o.forAgent()).isEqualTo("plangate refused `terraform apply del.json`: it"
        + " destroys what the policy protects (" + headline + "). Do not retry or work around"
        + " it; tell the person.");
    assertThat(o.reports()).singleElement().extracting(Report::decision)
        .isEqualTo(Decision.BLOCKED);
  }

  @Test
  void aPlanThatCannotBeReadIsLeftToAPersonWithNothingToFingerprint() throws Exception {
    Files.writeString(dir.resolve("broken.json"), "{\"format_version\":\"1.2\","
        + "\"resource_changes\":[");
    for (String file : List.of("broken.json", "missing.json")) {
      Outcome o = guard().check("terraform apply " + file, dir);
      assertThat(o.kind()).as(file).isEqualTo(Kind.ASK);
      assertThat(o.forAgent()).isEqualTo("plangate could not analyse the plan; a person"
          + " decides.");
      assertThat(o.forPerson()).startsWith("`terraform apply " + file + "`\nplangate: error")
          .contains(file);
      assertThat(o.reports()).singleElement().extracting(Report::decision)
          .isEqualTo(Decision.ERROR);
      assertThat(o.fingerprint()).as("an approval must not bind to an unread plan").isNull();
    }
  }

  @Test
  void aPlanThatPassesButDestroysStillNeedsAPerson() throws Exception {
    // humans' destroys pass this policy: the gate says pass, the guard still asks
    Policy lenient = PolicyLoader.parse("unknownAuthorship: human\nhumanOnly: pass\n",
        ".plangate.yml");
    ApplyGuard human = new ApplyGuard(lenient, Map.of("PATH", bin.toString()), null,
        new PlanProducer(120));
    Outcome o = human.check("terraform apply del.json", dir);
    assertThat(o.reports()).singleElement().extracting(Report::decision)
        .isEqualTo(Decision.PASS);
    assertThat(o.kind()).isEqualTo(Kind.ASK);
    assertThat(o.forPerson()).contains(BUCKET_LINE);
    assertThat(o.forAgent()).endsWith(". A person decides.")
        .startsWith(o.forPerson().split("\n")[1]);
    assertThat(human.check("terraform apply create.json", dir).kind()).isEqualTo(Kind.ALLOW);
    // a plan that forgets (a removed block with destroy = false) destroys nothing: it passes
    Files.writeString(dir.resolve("forget.json"), plan(change("aws_s3_bucket.logs",
        "forget")));
    Outcome forget = human.check("terraform apply forget.json", dir);
    assertThat(forget.reports()).singleElement().satisfies(r -> {
      assertThat(r.decision()).isEqualTo(Decision.PASS);
      assertThat(r.findings()).isNotEmpty();
    });
    assertThat(forget.kind()).isEqualTo(Kind.ALLOW);
  }

  @Test
  void aDestroyRunIsLeftToAPersonEvenWhenItsPlanDestroysNothing() {
    Outcome o = guard().check("terraform apply -destroy create.json", dir);
    assertThat(o.commands()).extracting(InfraCommand::action).containsExactly(Action.DESTROY);
    assertThat(o.reports()).singleElement().extracting(Report::decision)
        .isEqualTo(Decision.PASS);
    assertThat(o.kind()).isEqualTo(Kind.ASK);
    assertThat(o.forAgent()).endsWith(". A person decides.");
  }

  @Test
  void moreFindingsThanShownAreCounted() throws Exception {
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < ApplyGuard.SHOWN + 2; i++) {
      changes.add(change("aws_sqs_queue.q" + i, "delete"));
    }
    Files.writeString(dir.resolve("many.json"), plan(changes.toArray(String[]::new)));
    Outcome o = guard().check("terraform apply many.json", dir);
    List<String> lines = List.of(o.forPerson().split("\n"));
    assertThat(lines.stream().filter(l -> l.startsWith("  destroy "))).hasSize(ApplyGuard.SHOWN);
    assertThat(lines).contains("  ... 2 more");
    Outcome exactly = guard().check("terraform apply del.json", dir);
    assertThat(exactly.forPerson()).doesNotContain("more");
  }

  // ---- what an approval binds to -----------------------------------------------------------

  @Test
  void anApprovalOfSeveralPlansBindsToAllTheirFindings() throws Exception {
    Files.writeString(dir.resolve("queue.json"), plan(change("aws_sqs_queue.jobs", "delete")));
    Outcome del = guard().check("terraform apply del.json", dir);
    Outcome queue = guard().check("terraform apply queue.json", dir);
    List<InfraCommand> two = List.of(del.commands().get(0), queue.commands().get(0));
    Outcome both = new Outcome(Kind.ASK, "", "", two, List.of(del.reports().get(0),
        queue.reports().get(0)));
    List<dev.plangate.core.impact.Finding> all = new ArrayList<>(
        del.reports().get(0).findings());
    all.addAll(queue.reports().get(0).findings());
    assertThat(both.fingerprint()).isEqualTo(Fingerprint.of(all))
        .isNotEqualTo(del.fingerprint()).isNotEqualTo(queue.fingerprint());
    Outcome oneOfTwo = new Outcome(Kind.ASK, "", "", two, del.reports());
    assertThat(oneOfTwo.fingerprint()).as("one command has no plan").isNull();
    Files.writeString(dir.resolve("broken.json"), "{");
    Outcome broken = guard().check("terraform apply broken.json", dir);
    assertThat(new Outcome(Kind.ASK, "", "", two, List.of(del.reports().get(0),
        broken.reports().get(0))).fingerprint()).as("one plan unread").isNull();
  }

  // ---- the environment ---------------------------------------------------------------------

  @Test
  void applyArgumentsFromTheEnvironmentThatShapeThePlanAreLeftToAPerson() {
    assertAsks(guard(Policy.defaults(), Map.of("TF_CLI_ARGS_apply", "-auto-approve -destroy"))
        .check("terraform apply", dir), "`terraform apply` would also take"
        + " `TF_CLI_ARGS_apply=-auto-approve -destroy` from the environment, which the plan"
        + " plangate makes for it would not carry; a person decides.");
    assertAsks(guard(Policy.defaults(), Map.of("TF_CLI_ARGS_apply", "-input=false",
        "TF_CLI_ARGS_destroy", " -target=aws_instance.web")).check("terraform destroy", dir),
        "`terraform destroy` would also take `TF_CLI_ARGS_destroy= -target=aws_instance.web`"
            + " from the environment, which the plan plangate makes for it would not carry; a"
            + " person decides.");
    // a saved plan is applied as it is: the environment cannot reshape it
    assertThat(guard(Policy.defaults(), Map.of("TF_CLI_ARGS_apply", "-destroy"))
        .check("terraform apply create.json", dir).kind()).isEqualTo(Kind.ALLOW);
  }

  @Test
  void optionsThatOnlyChangeHowAnApplyRunsAreNotHidden() {
    // Past the check of the environment, the guard makes its own plan: in an empty directory
    // that fails (or terraform is missing), which proves the environment was let through.
    Path empty = dir.resolve("empty");
    Outcome o = guard(Policy.defaults(), Map.of("TF_CLI_ARGS_apply", " -auto-approve  -no-color"
        + " -compact-warnings -input=false -lock=false -lock-timeout=30s -parallelism=4 --input",
        "TF_CLI_ARGS_destroy", "")).check("mkdir -p empty; terraform -chdir=empty apply", dir);
    assertThat(o.kind()).isEqualTo(Kind.ASK);
    assertThat(o.forPerson()).startsWith("plangate could not make the plan `terraform"
        + " -chdir=empty apply` would apply: terraform plan in " + empty + ": ")
        .endsWith("; a person decides.");
  }

  // ---- plans the guard makes -----------------------------------------------------------------

  @Test
  void anApplyWithoutASavedPlanIsJudgedByTheGuardsOwnPlan() throws Exception {
    assumeTrue(TerraformScenarios.available(), "terraform not on PATH: skipping");
    Files.writeString(dir.resolve("main.tf"), "resource \"terraform_data\" \"a\" {\n"
        + "  input = \"a\"\n}\n");
    Outcome create = guard().check("terraform apply -auto-approve", dir);
    assertThat(create.kind()).as(create.forPerson()).isEqualTo(Kind.ALLOW);
    assertThat(create.reports()).singleElement().extracting(Report::decision)
        .isEqualTo(Decision.PASS);
    terraform("apply", "-auto-approve", "-input=false", "-no-color");

    Outcome destroy = guard().check("terraform destroy -auto-approve", dir);
    assertThat(destroy.kind()).isEqualTo(Kind.ASK);
    assertThat(destroy.forPerson()).contains("destroy terraform_data.a");
    assertThat(destroy.reports().get(0).decision()).isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(guard().check("terraform apply -destroy -auto-approve", dir).forPerson())
        .contains("destroy terraform_data.a");
    // the apply's own targets shape the plan
    Files.writeString(dir.resolve("main.tf"), "resource \"terraform_data\" \"b\" {}\n");
    assertThat(guard().check("terraform apply -target=terraform_data.b", dir).kind())
        .isEqualTo(Kind.ALLOW);
    assertThat(guard().check("terraform apply", dir).forPerson())
        .contains("destroy terraform_data.a");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .as("the guard's plans are deleted").noneMatch(n -> n.startsWith(".plangate-"));
    }
  }

  @Test
  void aPlanTheGuardCannotMakeIsLeftToAPersonWithTerraformsOwnError() throws Exception {
    assumeTrue(TerraformScenarios.available(), "terraform not on PATH: skipping");
    Outcome o = guard().check("terraform apply", dir);
    assertAsks(o, "plangate could not make the plan `terraform apply` would apply: terraform"
        + " plan in " + dir + ": failed (exit 1): Error: No configuration files; a person"
        + " decides.");
  }

  @Test
  void openTofuIsPlannedWithOpenTofu() {
    assumeTrue(ExternalTool.onPath("tofu", System.getenv("PATH")).isEmpty(),
        "tofu is on PATH: this test needs it absent");
    Outcome o = guard().check("tofu apply", dir);
    assertThat(o.kind()).isEqualTo(Kind.ASK);
    assertThat(o.forPerson()).startsWith("plangate could not make the plan `tofu apply` would"
        + " apply: tofu plan in " + dir + ": cannot run it");
  }

  // ---- CloudFormation change sets --------------------------------------------------------------

  private void fakeAws(String script) throws Exception {
    Path aws = bin.resolve("aws");
    Files.writeString(aws, "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwx------"));
  }

  static final String CHANGE_SET = "{\"ChangeSetName\":\"cs\",\"StackName\":\"web\","
      + "\"Status\":\"CREATE_COMPLETE\",\"Changes\":[{\"Type\":\"Resource\",\"ResourceChange\":"
      + "{\"Action\":\"Remove\",\"LogicalResourceId\":\"Jobs\",\"ResourceType\":"
      + "\"AWS::SQS::Queue\",\"PolicyAction\":\"Delete\",\"Scope\":[],\"Details\":[]}}]}";

  @Test
  void aChangeSetIsJudgedByWhatTheAgentsAwsCliDescribes() throws Exception {
    // the fake notes its arguments and the file its answer goes to (the page to delete after)
    fakeAws("echo \"$@\" > \"" + dir.resolve("args") + "\"\n"
        + "page=$(readlink /proc/$$/fd/1 2>/dev/null)\necho \"$page\" > \"" + dir.resolve("page")
        + "\"\n"
        + "cat <<'EOF'\n" + CHANGE_SET + "\nEOF\n");
    Outcome o = guard().check("aws cloudformation execute-change-set --change-set-name cs"
        + " --stack-name web", dir);
    if (Files.isDirectory(Path.of("/proc/self/fd"))) {
      String page = Files.readString(dir.resolve("page")).trim();
      assertThat(page).contains("plangate-changeset-");
      assertThat(Path.of(page)).as("the fetched page is deleted").doesNotExist();
    }
    assertThat(Files.readString(dir.resolve("args")).trim()).isEqualTo("cloudformation"
        + " describe-change-set --change-set-name cs --stack-name web"
        + " --include-property-values --output json");
    assertThat(o.kind()).isEqualTo(Kind.ASK);
    assertThat(o.forPerson()).contains("Jobs");
    assertThat(o.reports()).singleElement().extracting(Report::decision)
        .isEqualTo(Decision.APPROVAL_REQUIRED);
    assertThat(o.fingerprint()).isNotNull();
  }

  @Test
  void onlyAChangeSetExecutionIsFetchedEvenWithTheAwsCliAtHand() throws Exception {
    fakeAws("echo '" + CHANGE_SET + "'\n");
    String line = "aws cloudformation deploy --stack-name web --template-file t.yml";
    assertAsks(guard().check(line, dir), "`" + line + "` changes infrastructure, and plangate"
        + " cannot preview what CloudFormation would do from here; a person decides.");
  }

  @Test
  void aChangeSetTheAwsCliCannotDescribeIsLeftToAPerson() throws Exception {
    fakeAws("echo 'An error occurred (ChangeSetNotFound)' >&2\nexit 254\n");
    String line = "aws cloudformation execute-change-set --change-set-name cs";
    assertAsks(guard().check(line, dir), "plangate could not read the change set `" + line
        + "` would execute: aws cloudformation describe-change-set: failed (exit 254): An error"
        + " occurred (ChangeSetNotFound); a person decides.");
  }

  private void terraform(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("terraform"));
    cmd.addAll(List.of(args));
    ExternalTool.Finished done = ExternalTool.run("terraform " + args[0], cmd, dir, Map.of(),
        TerraformScenarios.TIMEOUT_SECONDS, null);
    assertThat(done.exit()).as(done.errors()).isZero();
  }
}
