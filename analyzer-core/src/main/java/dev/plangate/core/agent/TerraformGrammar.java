package dev.plangate.core.agent;

import static dev.plangate.core.agent.ShellWords.hasHelp;
import static dev.plangate.core.agent.ShellWords.hasOption;
import static dev.plangate.core.agent.ShellWords.isHelp;
import static dev.plangate.core.agent.ShellWords.skipOptions;
import static dev.plangate.core.agent.ShellWords.stripDashes;

import dev.plangate.core.agent.ShellTokens.Word;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * terraform and tofu: {@code apply} (its plan file, {@code -destroy}, the options plangate's own
 * plan would not carry), {@code destroy}, {@code state rm|mv|push|replace-provider}, {@code
 * workspace delete}, the subcommands that change the state without a plan ({@link
 * #STATE_CHANGES}); global {@code -chdir=DIR}. Help, version and dry runs are harmless.
 * Terragrunt hands its terraform commands to {@link #subcommand}.
 */
final class TerraformGrammar implements ToolGrammar {
  static final TerraformGrammar INSTANCE = new TerraformGrammar();

  private static final Set<String> APPLY_VALUE_OPTS = Set.of("var", "var-file", "target",
      "replace", "parallelism", "state", "state-out", "backup", "lock-timeout", "exclude");

  private TerraformGrammar() {}

  @Override
  public void read(Tool tool, List<Word> a, Subcommands out) {
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
    subcommand(tool, a, j, chdir, out);
  }

  /** a.get(j) is a terraform subcommand (run by terraform, tofu or terragrunt). */
  static void subcommand(Tool tool, List<Word> a, int j, String dir, Subcommands out) {
    if (!out.literalAt(tool, a, j, dir)) {
      return;
    }
    Word sub = a.get(j);
    switch (sub.value()) {
      case "apply" -> apply(tool, a, j + 1, dir, out);
      case "destroy" -> {
        if (!hasHelp(a, j + 1)) {
          out.emit(tool, Action.DESTROY, a, null, dir);
        }
      }
      case "state" -> state(tool, a, j + 1, dir, out);
      case "workspace" -> {
        int k = operation(tool, a, j + 1, dir, out);
        if (k >= 0 && a.get(k).value().equals("delete") && !hasHelp(a, k + 1)) {
          out.emit(tool, Action.STATE_RM, a, null, dir);
        }
      }
      case "taint", "untaint", "import", "force-unlock", "refresh" -> {
        if (!hasHelp(a, j + 1)) {
          out.emit(tool, Action.STATE_CHANGE, a, null, dir, STATE_CHANGES.get(sub.value()));
        }
      }
      case "init" -> {
        if (!hasHelp(a, j + 1) && (hasOption(a, j + 1, "migrate-state")
            || hasOption(a, j + 1, "force-copy"))) {
          out.emit(tool, Action.STATE_CHANGE, a, null, dir, STATE_CHANGES.get("init"));
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
  private static void state(Tool tool, List<Word> a, int from, String dir, Subcommands out) {
    int k = operation(tool, a, from, dir, out);
    if (k < 0 || hasHelp(a, k + 1)) {
      return;
    }
    String name = a.get(k).value();
    switch (name) {
      case "rm", "mv" -> {
        if (!dryRun(a, k + 1)) {
          out.emit(tool, name.equals("rm") ? Action.STATE_RM : Action.STATE_CHANGE, a, null, dir,
              STATE_CHANGES.get(name));
        }
      }
      case "push", "replace-provider" ->
          out.emit(tool, Action.STATE_CHANGE, a, null, dir, STATE_CHANGES.get(name));
      default -> {
        // list, show, pull, identities: they read.
      }
    }
  }

  /**
   * Where the operation after {@code a.get(from)}'s options stands ({@code state rm}, {@code
   * workspace delete}), or -1 when there is none or it is not a literal word (reported unknown).
   */
  private static int operation(Tool tool, List<Word> a, int from, String dir, Subcommands out) {
    int k = skipOptions(a, from, "", Set.of(), null);
    if (k < a.size() && a.get(k).dynamic()) {
      out.unknownSubcommand(tool, a, dir);
      return -1;
    }
    return k < a.size() ? k : -1;
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

  private static void apply(Tool tool, List<Word> a, int from, String dir, Subcommands out) {
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
        } else if (eq < 0 && (APPLY_VALUE_OPTS.contains(optName)
            || tool == Tool.TERRAGRUNT
                && TerragruntGrammar.VALUE_OPTS.contains("--".concat(optName)))) {
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
    out.emit(tool, destroy ? Action.DESTROY : Action.APPLY, a, planFile, dir, reason);
  }

  /** Go's strconv.ParseBool false values (what Terraform's flags accept as false). */
  static boolean goFalse(String v) {
    return switch (v) {
      case "0", "f", "F", "false", "FALSE", "False" -> true;
      default -> false;
    };
  }
}
