package dev.plangate.core.agent;

import static dev.plangate.core.agent.ShellWords.assignmentEnd;
import static dev.plangate.core.agent.ShellWords.joinDir;
import static dev.plangate.core.agent.ShellWords.skipOptions;
import static java.util.Map.entry;

import dev.plangate.core.agent.ShellTokens.Word;
import dev.plangate.core.agent.ShellWalker.Inv;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wrappers that run the command after their options, as data: which options take a value,
 * which make the wrapper run no command at all, which set the working directory. The wrappers that
 * need more than this ({@code env -S}, {@code bash -c}, containers, JavaScript runners ...) are
 * code, in {@link Wrappers}.
 */
final class WrapperTable {
  private WrapperTable() {}

  /**
   * One wrapper's command line: {@code NAME [options] [operands] COMMAND...}.
   *
   * @param options whether it takes options at all ({@code nohup -x} runs {@code -x})
   * @param shortValue the short options that take a value (attached or the next word)
   * @param longValue the long options that take a value
   * @param stops options with which it runs no command ({@code sudo -l}, {@code command -v})
   * @param cwd options whose value is the command's working directory, the first present wins
   * @param operands words between the options and the command ({@code timeout DURATION})
   * @param assignments whether {@code NAME=value} words before the command set its environment
   * @param appendsArgs whether the command gets more arguments when the line runs ({@code xargs})
   */
  record Wrapper(boolean options, String shortValue, Set<String> longValue, Set<String> stops,
      List<String> cwd, int operands, boolean assignments, boolean appendsArgs) {

    Wrapper stopsOn(String... options) {
      return new Wrapper(this.options, shortValue, longValue, Set.of(options), cwd, operands,
          assignments, appendsArgs);
    }

    Wrapper cwdFrom(String... options) {
      return new Wrapper(this.options, shortValue, longValue, stops, List.of(options), operands,
          assignments, appendsArgs);
    }

    Wrapper withOperands(int n) {
      return new Wrapper(options, shortValue, longValue, stops, cwd, n, assignments, appendsArgs);
    }

    Wrapper withAssignments() {
      return new Wrapper(options, shortValue, longValue, stops, cwd, operands, true, appendsArgs);
    }

    Wrapper appendingArgs() {
      return new Wrapper(options, shortValue, longValue, stops, cwd, operands, assignments, true);
    }
  }

  private static final Wrapper NO_OPTIONS =
      new Wrapper(false, "", Set.of(), Set.of(), List.of(), 0, false, false);

  private static Wrapper opts(String shortValue, String... longValue) {
    return new Wrapper(true, shortValue, Set.of(longValue), Set.of(), List.of(), 0, false, false);
  }

  private static final Map<String, Wrapper> TABLE = Map.ofEntries(
      entry("time", opts("fo", "--format", "--output")),
      entry("nohup", NO_OPTIONS),
      entry("builtin", NO_OPTIONS),
      entry("chronic", NO_OPTIONS),
      entry("unbuffer", NO_OPTIONS),
      entry("busybox", NO_OPTIONS),
      entry("setsid", opts("")),
      entry("caffeinate", opts("tw")),
      entry("exec", opts("a")),
      // command -v NAME only says what NAME is.
      entry("command", opts("").stopsOn("-v", "-V")),
      // nice -10 CMD: "-10" is skipped as a cluster of flags.
      entry("nice", opts("n", "--adjustment")),
      // ionice -p PID changes a running process.
      entry("ionice", opts("cnpPu", "--class", "--classdata", "--pid", "--pgid", "--uid")
          .stopsOn("-p", "-P", "-u")),
      entry("timeout", opts("sk", "--signal", "--kill-after").withOperands(1)),
      entry("stdbuf", opts("ioe", "--input", "--output", "--error")),
      entry("sudo", opts("ugCDhprtUTR", "--user", "--group", "--chdir", "--host", "--prompt",
          "--role", "--type", "--other-user", "--command-timeout", "--close-from", "--chroot")
          .stopsOn("-l", "--list", "-e", "--edit", "-V", "--version")
          .cwdFrom("-D", "--chdir")
          .withAssignments()),
      entry("doas", opts("uC")),
      entry("xargs", opts("ILnPsdEa", "--arg-file", "--delimiter", "--max-chars", "--max-lines",
          "--max-args", "--max-procs", "--process-slot-var").appendingArgs()));

  /** The wrapper of that name, or null when it is not in the table. */
  static Wrapper get(String name) {
    return TABLE.get(name);
  }

  /**
   * Index of the command {@code w.get(i)}, a wrapper, runs; {@link Wrappers#STOP} when it runs
   * none. Notes on {@code inv} the working directory, environment and appended arguments the
   * wrapper gives the command.
   */
  static int command(Wrapper wr, List<Word> w, int i, Inv inv) {
    if (!wr.options()) {
      return i + 1;
    }
    Map<String, String> seen = new HashMap<>();
    int j = skipOptions(w, i + 1, wr.shortValue(), wr.longValue(), seen);
    for (String s : wr.stops()) {
      if (seen.containsKey(s)) {
        return Wrappers.STOP;
      }
    }
    for (String c : wr.cwd()) {
      if (seen.containsKey(c)) {
        String dir = seen.get(c);
        if (dir != null) {
          inv.cwd = joinDir(inv.cwd, dir);
        }
        break;
      }
    }
    if (wr.assignments()) {
      while (j < w.size() && assignmentEnd(null, w.get(j)) > 0) {
        if (inv.env == null) {
          inv.env = w.get(j).value();
        }
        j++;
      }
    }
    if (wr.appendsArgs()) {
      inv.argsAppended = true;
    }
    return j + wr.operands() > w.size() ? Wrappers.STOP : j + wr.operands();
  }
}
