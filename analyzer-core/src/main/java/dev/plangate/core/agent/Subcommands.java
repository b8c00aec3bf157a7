package dev.plangate.core.agent;

import static dev.plangate.core.agent.ShellWords.hasFlag;
import static dev.plangate.core.agent.ShellWords.hasHelp;
import static dev.plangate.core.agent.ShellWords.hasOption;
import static dev.plangate.core.agent.ShellWords.isHelp;
import static dev.plangate.core.agent.ShellWords.optionValue;
import static dev.plangate.core.agent.ShellWords.skipOptions;
import static dev.plangate.core.agent.ShellWords.stripDashes;

import dev.plangate.core.agent.ShellLexer.Word;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each infrastructure tool's command line means: which subcommands change infrastructure or
 * its state, which options take values, which make a command harmless (help, dry runs, previews).
 * Given a tool's arguments (the words after its binary), it reports what it found to a {@link
 * Sink}; it knows nothing of shells, wrappers or working directories beyond the tool's own
 * options.
 */
final class Subcommands {
  /** Where findings go: the recogniser turns them into {@link InfraCommand}s. */
  interface Sink {
    /**
     * @param args the tool's arguments
     * @param planFile the saved plan an apply names, or null
     * @param dir the working directory the tool's own options set, or null
     * @param reason why a person must decide whatever a plan says, or null
     */
    void emit(Tool tool, Action action, List<Word> args, String planFile, String dir,
        String reason);
  }

  private static final Set<String> TF_APPLY_VALUE_OPTS = Set.of("var", "var-file", "target",
      "replace", "parallelism", "state", "state-out", "backup", "lock-timeout", "exclude");
  private static final Set<String> TG_VALUE_OPTS = Set.of("--working-dir",
      "--terragrunt-working-dir", "--config", "--terragrunt-config", "--download-dir",
      "--terragrunt-download-dir", "--iam-assume-role", "--terragrunt-iam-role",
      "--queue-include-dir", "--terragrunt-include-dir", "--queue-exclude-dir",
      "--terragrunt-exclude-dir", "--parallelism", "--terragrunt-parallelism", "--tf-path",
      "--terragrunt-tfpath", "--log-level", "--terragrunt-log-level", "--source",
      "--terragrunt-source", "--filter", "--feature", "--out-dir", "--json-out-dir",
      "--units-that-include", "--terragrunt-modules-that-include", "--queue-strict-include",
      "--iam-assume-role-session-name", "--experiment", "--strict-control",
      "--provider-cache-dir", "--log-format");
  private static final Set<String> AWS_VALUE_OPTS = Set.of("--region", "--profile", "--output",
      "--endpoint-url", "--query", "--color", "--cli-read-timeout", "--cli-connect-timeout",
      "--ca-bundle", "--cli-binary-format");
  private static final Map<String, Action> CFN_OPS = Map.of(
      "execute-change-set", Action.EXECUTE_CHANGE_SET,
      "delete-stack", Action.DELETE_STACK,
      "delete-stack-set", Action.DELETE_STACK,
      "delete-stack-instances", Action.DELETE_STACK,
      "deploy", Action.DEPLOY,
      "update-stack", Action.DEPLOY,
      "update-stack-set", Action.DEPLOY,
      "update-stack-instances", Action.DEPLOY);
  private static final Set<String> CDK_VALUE_OPTS = Set.of("-a", "--app", "-c", "--context",
      "-p", "--plugin", "--profile", "--proxy", "--ca-bundle-path", "-o", "--output", "-r",
      "--role-arn", "--toolkit-stack-name", "--unstable", "--telemetry-file",
      "--require-approval", "--method", "-m", "--change-set-name", "--outputs-file", "-O",
      "--parameters", "-t", "--tags", "--concurrency", "--progress", "--build-exclude", "-E",
      "--notification-arns");
  private static final Set<String> PULUMI_VALUE_OPTS = Set.of("--cwd", "-C", "--color",
      "--verbose", "-v", "--tracing", "--profiling", "--memprofilerate", "--tracing-header",
      "-s", "--stack", "-m", "--message", "--config-file", "--parallel", "-p", "--target",
      "-t", "--replace", "--exclude", "--secrets-provider", "--client", "--exec-kind",
      "--suppress-permalink", "--plan", "--policy-pack", "--policy-pack-config", "-c",
      "--config", "--target-dependents");

  private final Sink sink;
  /** Whether more arguments are appended at run time ({@code xargs terraform}). */
  private final boolean argsAppended;

  Subcommands(Sink sink, boolean argsAppended) {
    this.sink = sink;
    this.argsAppended = argsAppended;
  }

  /** w.get(at) is the tool's binary (or what stands for it); its arguments follow. */
  void classify(Tool tool, List<Word> w, int at) {
    List<Word> a = w.subList(at + 1, w.size());
    switch (tool) {
      case TERRAFORM, TOFU -> terraform(tool, a);
      case TERRAGRUNT -> terragrunt(a);
      case CLOUDFORMATION -> aws(a);
      case CDK -> cdk(a);
      case PULUMI -> pulumi(a);
      default -> {
      }
    }
  }

  private void emit(Tool tool, Action action, List<Word> a, String planFile, String dir) {
    sink.emit(tool, action, a, planFile, dir, null);
  }

  private void unknownSubcommand(Tool tool, List<Word> a, String dir) {
    emit(tool, Action.UNPARSEABLE, a, null, dir);
  }

  private void terraform(Tool tool, List<Word> a) {
    String chdir = null;
    int j = 0;
    while (j < a.size()) {
      String v = a.get(j).value();
      if (!v.startsWith("-") || v.equals("-")) {
        break;
      }
      String opt = stripDashes(v);
      if (opt.startsWith("chdir=")) {
        chdir = opt.substring("chdir=".length());
      } else if (isHelp(opt) || opt.equals("version") || opt.equals("v")) {
        return;
      }
      j++;
    }
    terraformSubcommand(tool, a, j, chdir);
  }

  /** a.get(j) is a terraform subcommand (run by terraform, tofu or terragrunt). */
  private void terraformSubcommand(Tool tool, List<Word> a, int j, String dir) {
    if (j >= a.size()) {
      if (argsAppended) {
        unknownSubcommand(tool, a, dir);
      }
      return;
    }
    Word sub = a.get(j);
    if (sub.dynamic()) {
      unknownSubcommand(tool, a, dir);
      return;
    }
    switch (sub.value()) {
      case "apply" -> apply(tool, a, j + 1, dir);
      case "destroy" -> {
        if (!hasHelp(a, j + 1)) {
          emit(tool, Action.DESTROY, a, null, dir);
        }
      }
      case "state" -> state(tool, a, j + 1, dir);
      case "workspace" -> {
        int k = skipOptions(a, j + 1, "", Set.of(), null);
        if (k >= a.size()) {
          return;
        }
        Word op = a.get(k);
        if (op.dynamic()) {
          unknownSubcommand(tool, a, dir);
          return;
        }
        if (op.value().equals("delete") && !hasHelp(a, k + 1)) {
          emit(tool, Action.STATE_RM, a, null, dir);
        }
      }
      case "taint", "untaint", "import", "force-unlock", "refresh" -> {
        if (!hasHelp(a, j + 1)) {
          sink.emit(tool, Action.STATE_CHANGE, a, null, dir, STATE_CHANGES.get(sub.value()));
        }
      }
      case "init" -> {
        if (!hasHelp(a, j + 1) && (hasOption(a, j + 1, "migrate-state")
            || hasOption(a, j + 1, "force-copy"))) {
          sink.emit(tool, Action.STATE_CHANGE, a, null, dir, STATE_CHANGES.get("init"));
        }
      }
      default -> {
      }
    }
  }

  /**
   * Subcommands that change the state without a plan to review, and what they do: the reason a
   * person reads. (Terraform's documentation for each: cli/commands/state/*, taint, import,
   * force-unlock, refresh, init.)
   */
  static final Map<String, String> STATE_CHANGES = Map.ofEntries(
      Map.entry("mv", "moves resources to other addresses or another state file: a wrong move"
          + " makes the next apply destroy and re-create them"),
      Map.entry("push", "overwrites the state with a local file: whatever that file lacks,"
          + " Terraform forgets (and the next apply creates again)"),
      Map.entry("replace-provider", "rewrites which provider manages the resources in the"
          + " state"),
      Map.entry("taint", "marks a resource for replacement: the next apply destroys and"
          + " re-creates it"),
      Map.entry("untaint", "clears a resource's replacement mark in the state"),
      Map.entry("import", "writes an existing object into the state, so that Terraform manages"
          + " it (and a later apply may change or destroy it)"),
      Map.entry("force-unlock", "removes another run's state lock: two runs may then write the"
          + " state at once"),
      Map.entry("refresh", "rewrites the state from the real infrastructure without a plan to"
          + " review"),
      Map.entry("init", "copies the state between backends and may overwrite the destination's"
          + " state"));

  /** {@code terraform state SUB ...}: a.get(from) is where SUB's options begin. */
  private void state(Tool tool, List<Word> a, int from, String dir) {
    int k = skipOptions(a, from, "", Set.of(), null);
    if (k >= a.size()) {
      return;
    }
    Word op = a.get(k);
    if (op.dynamic()) {
      unknownSubcommand(tool, a, dir);
      return;
    }
    String name = op.value();
    if (hasHelp(a, k + 1)) {
      return;
    }
    switch (name) {
      case "rm" -> {
        if (!dryRun(a, k + 1)) {
          emit(tool, Action.STATE_RM, a, null, dir);
        }
      }
      case "mv" -> {
        if (!dryRun(a, k + 1)) {
          sink.emit(tool, Action.STATE_CHANGE, a, null, dir, STATE_CHANGES.get("mv"));
        }
      }
      case "push", "replace-provider" ->
          sink.emit(tool, Action.STATE_CHANGE, a, null, dir, STATE_CHANGES.get(name));
      default -> {
        // list, show, pull, identities: they read.
      }
    }
  }

  /**
   * Whether {@code -dry-run} is set the way Terraform's flag parser reads it: a boolean flag
   * ({@code -dry-run}, {@code --dry-run}, {@code -dry-run=true|1|t}, not {@code =false}) among
   * the options before the first address; after an address, Go's parser stops and
   * {@code -dry-run} is an address, not a flag.
   */
  static boolean dryRun(List<Word> a, int from) {
    boolean dry = false;
    for (int j = from; j < a.size(); j++) {
      Word w = a.get(j);
      String v = w.value();
      if (v.equals("--") || !v.startsWith("-") || v.equals("-")) {
        return dry;
      }
      if (w.dynamic()) {
        return false;
      }
      String o = stripDashes(v);
      if (o.equals("dry-run")) {
        dry = true;
      } else if (o.startsWith("dry-run=")) {
        String b = o.substring("dry-run=".length());
        dry = switch (b) {
          case "1", "t", "T", "true", "TRUE", "True" -> true;
          default -> false;
        };
      } else if (o.equals("state") || o.equals("backup") || o.equals("lock-timeout")
          || o.equals("state-out")) {
        j++;
      }
    }
    return dry;
  }

  /**
   * Apply options that plangate's own plan ({@link PlanProducer}) carries exactly, or that do
   * not shape the plan. Any other option (-state, -state-out, -backup, -exclude ...) would make
   * the hook judge a different plan than the one applied.
   */
  static final Set<String> CARRIED = Set.of("auto-approve", "input", "no-color",
      "compact-warnings", "json", "lock", "lock-timeout", "parallelism", "var", "var-file",
      "target", "replace", "refresh", "refresh-only", "destroy", "chdir");

  private void apply(Tool tool, List<Word> a, int from, String dir) {
    boolean destroy = false;
    String planFile = null;
    String reason = null;
    for (Word x : a) {
      if (x.dynamic() && reason == null) {
        reason = "its arguments are expanded when the line runs (`" + x.value() + "`), which"
            + " plangate's own plan would not do";
      }
    }
    for (int k = from; k < a.size(); k++) {
      String v = a.get(k).value();
      if (v.startsWith("-") && v.length() > 1) {
        String opt = stripDashes(v);
        int eq = opt.indexOf('=');
        String optName = eq >= 0 ? opt.substring(0, eq) : opt;
        if (isHelp(optName)) {
          return;
        }
        if (tool != Tool.TERRAGRUNT && !CARRIED.contains(optName) && reason == null) {
          reason = "`-" + optName + "` is an option plangate's own plan would not carry";
        }
        if (optName.equals("var-file") && reason == null) {
          String file = eq >= 0 ? opt.substring(eq + 1) : k + 1 < a.size()
              ? a.get(k + 1).value() : "";
          if (file.equals("-") || file.startsWith("/dev/") || file.startsWith("/proc/")) {
            reason = "it reads variables from `" + file + "`, which plangate cannot read"
                + " beforehand";
          }
        }
        if (optName.equals("destroy")) {
          destroy = eq < 0 || !goFalse(opt.substring(eq + 1));
        } else if (eq < 0 && (TF_APPLY_VALUE_OPTS.contains(optName)
            || tool == Tool.TERRAGRUNT && TG_VALUE_OPTS.contains("--".concat(optName)))) {
          k++;
        }
        continue;
      }
      planFile = v;
      break;
    }
    if (planFile != null && (planFile.equals("-") || planFile.startsWith("/dev/")
        || planFile.startsWith("/proc/")) && reason == null) {
      reason = "its plan file `" + planFile + "` is not a file plangate can read beforehand";
    }
    sink.emit(tool, destroy ? Action.DESTROY : Action.APPLY, a, planFile, dir, reason);
  }

  /** Go's strconv.ParseBool false values (what Terraform's flags accept as false). */
  static boolean goFalse(String v) {
    return switch (v) {
      case "0", "f", "F", "false", "FALSE", "False" -> true;
      default -> false;
    };
  }

  private void terragrunt(List<Word> a) {
    String dir = null;
    for (int k = 0; k + 1 < a.size(); k++) {
      String v = a.get(k).value();
      if (v.equals("--working-dir") || v.equals("--terragrunt-working-dir")) {
        dir = a.get(k + 1).value();
      }
    }
    for (Word x : a) {
      String v = x.value();
      if (v.startsWith("--working-dir=") || v.startsWith("--terragrunt-working-dir=")) {
        dir = v.substring(v.indexOf('=') + 1);
      }
    }
    int j = tgSkip(a, 0);
    for (int k = 0; k < j; k++) {
      String opt = a.get(k).value();
      if (opt.equals("--help") || opt.equals("-h") || opt.equals("-help")
          || opt.equals("--version") || opt.equals("-v")) {
        return;
      }
    }
    if (j >= a.size()) {
      if (argsAppended) {
        unknownSubcommand(Tool.TERRAGRUNT, a, dir);
      }
      return;
    }
    Word cmd = a.get(j);
    if (cmd.dynamic()) {
      unknownSubcommand(Tool.TERRAGRUNT, a, dir);
      return;
    }
    int tf;
    switch (cmd.value()) {
      case "run-all" -> tf = tgSkip(a, j + 1);
      case "run" -> tf = tgRun(a, j + 1);
      case "stack" -> {
        int k = tgSkip(a, j + 1);
        if (k >= a.size() || !a.get(k).value().equals("run")) {
          return;
        }
        tf = tgRun(a, k + 1);
      }
      case "apply-all", "spin-up" -> {
        if (!hasHelp(a, j + 1)) {
          emit(Tool.TERRAGRUNT, Action.APPLY, a, null, dir);
        }
        return;
      }
      case "destroy-all", "tear-down" -> {
        if (!hasHelp(a, j + 1)) {
          emit(Tool.TERRAGRUNT, Action.DESTROY, a, null, dir);
        }
        return;
      }
      case "backend" -> {
        int k = tgSkip(a, j + 1);
        if (k < a.size() && a.get(k).value().equals("delete") && !hasHelp(a, k + 1)) {
          emit(Tool.TERRAGRUNT, Action.STATE_RM, a, null, dir);
        }
        return;
      }
      default -> tf = j;
    }
    terraformSubcommand(Tool.TERRAGRUNT, a, tf, dir);
  }

  /** The terraform command of {@code terragrunt run}: after {@code --}, else positional. */
  private int tgRun(List<Word> a, int from) {
    for (int k = from; k < a.size(); k++) {
      if (a.get(k).value().equals("--")) {
        return k + 1;
      }
    }
    return tgSkip(a, from);
  }

  private int tgSkip(List<Word> a, int from) {
    int k = from;
    while (k < a.size()) {
      String v = a.get(k).value();
      if (!v.startsWith("-") || v.equals("--")) {
        break;
      }
      k += v.indexOf('=') < 0 && TG_VALUE_OPTS.contains(v) ? 2 : 1;
    }
    return k;
  }

  private void aws(List<Word> a) {
    int j = skipOptions(a, 0, "", AWS_VALUE_OPTS, null);
    for (int k = 0; k < j; k++) {
      if (a.get(k).value().equals("--version")) {
        return;
      }
    }
    if (j >= a.size()) {
      return;
    }
    Word service = a.get(j);
    int k = skipOptions(a, j + 1, "", AWS_VALUE_OPTS, null);
    Word op = k < a.size() ? a.get(k) : null;
    if (service.dynamic()) {
      if (op != null && !op.dynamic() && CFN_OPS.containsKey(op.value())) {
        unknownSubcommand(Tool.CLOUDFORMATION, a, null);
      }
      return;
    }
    if (!service.value().equals("cloudformation") || op == null) {
      return;
    }
    if (op.dynamic()) {
      unknownSubcommand(Tool.CLOUDFORMATION, a, null);
      return;
    }
    Action action = CFN_OPS.get(op.value());
    if (action == null || k + 1 < a.size() && a.get(k + 1).value().equals("help")
        || hasOption(a, k + 1, "generate-cli-skeleton")
        || op.value().equals("deploy") && hasOption(a, k + 1, "no-execute-changeset")) {
      return;
    }
    emit(Tool.CLOUDFORMATION, action, a, null, null);
  }

  /**
   * Where the subcommand stands after the tool's leading options ({@code valueOpts} take a
   * value), or -1 when there is nothing to judge: help or version, or no literal subcommand, which
   * is reported as unknown when it may come from arguments appended at run time or is not a
   * literal word.
   */
  private int subcommandAt(Tool tool, List<Word> a, Set<String> valueOpts, String dir) {
    int j = 0;
    while (j < a.size()) {
      String v = a.get(j).value();
      if (!v.startsWith("-") || v.equals("-")) {
        break;
      }
      j += v.indexOf('=') < 0 && valueOpts.contains(v) ? 2 : 1;
    }
    if (hasHelp(a, 0) || hasOption(a, 0, "version")) {
      return -1;
    }
    if (j >= a.size()) {
      if (argsAppended) {
        unknownSubcommand(tool, a, dir);
      }
      return -1;
    }
    if (a.get(j).dynamic()) {
      unknownSubcommand(tool, a, dir);
      return -1;
    }
    return j;
  }

  private void cdk(List<Word> a) {
    int j = subcommandAt(Tool.CDK, a, CDK_VALUE_OPTS, null);
    if (j < 0) {
      return;
    }
    Word cmd = a.get(j);
    switch (cmd.value()) {
      case "deploy" -> {
        String method = optionValue(a, j + 1, "-m", "--method");
        if ("prepare-change-set".equals(method) || hasOption(a, j + 1, "no-execute")
            || hasFlag(a, j + 1, "--execute=false")) {
          return;
        }
        emit(Tool.CDK, Action.DEPLOY, a, null, null);
      }
      // watch deploys on every change; bootstrap deploys (or updates) the CDKToolkit stack.
      case "watch", "bootstrap" -> emit(Tool.CDK, Action.DEPLOY, a, null, null);
      case "destroy" -> emit(Tool.CDK, Action.DESTROY, a, null, null);
      default -> {
      }
    }
  }

  private void pulumi(List<Word> a) {
    String dir = optionValue(a, 0, "-C", "--cwd");
    int j = subcommandAt(Tool.PULUMI, a, PULUMI_VALUE_OPTS, dir);
    if (j < 0) {
      return;
    }
    Word cmd = a.get(j);
    boolean previewOnly = hasOption(a, j + 1, "preview-only");
    switch (cmd.value()) {
      case "up", "update", "watch" -> {
        if (!previewOnly) {
          emit(Tool.PULUMI, Action.DEPLOY, a, null, dir);
        }
      }
      case "destroy", "down", "dn" -> {
        if (!previewOnly) {
          emit(Tool.PULUMI, Action.DESTROY, a, null, dir);
        }
      }
      case "state", "stack" -> {
        int k = skipOptions(a, j + 1, "sC", PULUMI_VALUE_OPTS, null);
        String want = cmd.value().equals("state") ? "delete" : "rm";
        if (k < a.size() && a.get(k).value().equals(want)) {
          emit(Tool.PULUMI, Action.STATE_RM, a, null, dir);
        }
      }
      default -> {
      }
    }
  }
}
