package dev.plangate.core.agent;

import static dev.plangate.core.agent.ShellWords.hasHelp;
import static dev.plangate.core.agent.ShellWords.hasOption;

import dev.plangate.core.agent.ShellTokens.Word;
import java.util.List;
import java.util.Set;

/**
 * What each infrastructure tool's command line means: which subcommands change infrastructure or
 * its state, which options take values, which make a command harmless (help, dry runs, previews).
 * Given a tool's arguments (the words after its binary), it hands them to the tool's {@link
 * ToolGrammar}, which reports what it found to a {@link Sink}; it knows nothing of shells,
 * wrappers or working directories beyond the tool's own options.
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

  private final Sink sink;
  /** Whether more arguments are appended at run time ({@code xargs terraform}). */
  private final boolean argsAppended;

  Subcommands(Sink sink, boolean argsAppended) {
    this.sink = sink;
    this.argsAppended = argsAppended;
  }

  /** w.get(at) is the tool's binary (or what stands for it); its arguments follow. */
  void classify(Tool tool, List<Word> w, int at) {
    ToolGrammar g = grammar(tool);
    if (g != null) {
      g.read(tool, w.subList(at + 1, w.size()), this);
    }
  }

  /** The grammar of a tool's command line, or null for none (OTHER, UNKNOWN). */
  static ToolGrammar grammar(Tool tool) {
    return switch (tool) {
      case TERRAFORM, TOFU -> TerraformGrammar.INSTANCE;
      case TERRAGRUNT -> TerragruntGrammar.INSTANCE;
      case CLOUDFORMATION -> AwsCloudFormationGrammar.INSTANCE;
      case CDK -> CdkGrammar.INSTANCE;
      case PULUMI -> PulumiGrammar.INSTANCE;
      case OTHER, UNKNOWN -> null;
    };
  }

  void emit(Tool tool, Action action, List<Word> a, String planFile, String dir) {
    sink.emit(tool, action, a, planFile, dir, null);
  }

  void emit(Tool tool, Action action, List<Word> a, String planFile, String dir,
      String reason) {
    sink.emit(tool, action, a, planFile, dir, reason);
  }

  /** A subcommand plangate cannot read (a variable, or left to arguments appended later). */
  void unknownSubcommand(Tool tool, List<Word> a, String dir) {
    emit(tool, Action.UNPARSEABLE, a, null, dir);
  }

  /**
   * Where the subcommand stands after the tool's leading options ({@code valueOpts} take a
   * value), or -1 when there is nothing to judge: help or version, or no literal subcommand, which
   * is reported as unknown when it may come from arguments appended at run time or is not a
   * literal word.
   */
  int subcommandAt(Tool tool, List<Word> a, Set<String> valueOpts, String dir) {
    int j = skipLeading(a, 0, valueOpts, "-");
    if (hasHelp(a, 0) || hasOption(a, 0, "version")) {
      return -1;
    }
    return literalAt(tool, a, j, dir) ? j : -1;
  }

  /**
   * Where the first word from {@code from} on that is not an option stands: {@code valueOpts}
   * take the next word as their value (unless written {@code --opt=value}); {@code operand} is
   * the one word starting with {@code -} that is not an option ({@code -} or {@code --}).
   */
  static int skipLeading(List<Word> a, int from, Set<String> valueOpts, String operand) {
    int j = from;
    while (j < a.size()) {
      String v = a.get(j).value();
      if (!v.startsWith("-") || v.equals(operand)) {
        break;
      }
      j += v.indexOf('=') < 0 && valueOpts.contains(v) ? 2 : 1;
    }
    return j;
  }

  /**
   * Whether a.get(j) is a literal subcommand. One that is missing while arguments are appended
   * at run time, or is not a literal word, is reported as unknown.
   */
  boolean literalAt(Tool tool, List<Word> a, int j, String dir) {
    boolean missing = j >= a.size();
    if (missing ? argsAppended : a.get(j).dynamic()) {
      unknownSubcommand(tool, a, dir);
    }
    return !missing && !a.get(j).dynamic();
  }
}
