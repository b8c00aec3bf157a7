package dev.plangate.core.agent;

import java.util.List;
import java.util.Objects;

/**
 * One infrastructure-changing invocation found in a shell command line.
 *
 * @param tool the tool run ({@link Tool#UNKNOWN} only for {@link Action#UNPARSEABLE})
 * @param action what it does
 * @param args the tool's own arguments after its binary name, quotes removed and expansions left
 *     as written (e.g. {@code [-chdir=infra, apply, -auto-approve, $PLAN]}); empty for
 *     UNPARSEABLE
 * @param planFile the saved plan given to {@code apply} (its first non-option argument), as
 *     written; null when none
 * @param workingDir where the tool runs relative to the hook's directory: a preceding {@code cd
 *     DIR}, {@code -chdir=}, {@code --cwd}, {@code --working-dir}, {@code env -C}, ... joined
 *     as written ({@code a/b}); null when the command runs where the line starts
 * @param text the simple command as written (for UNPARSEABLE: the fragment that could not be read)
 * @param reason why a person must decide whatever a plan of this command would say, or null when
 *     the guard may judge it by its plan: the line can change the plan's inputs before it runs
 *     (an earlier {@code sed -i}, an environment variable, {@code -state=}), runs it on another
 *     machine or in a container, or the command is destructive by the table of destructive
 *     commands ({@link DestructiveCommands})
 * @param refuse whether the answer is deny rather than ask (a {@code deny} rule of the table)
 */
public record InfraCommand(Tool tool, Action action, List<String> args, String planFile,
    String workingDir, String text, String reason, boolean refuse) {
  public InfraCommand {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(text, "text");
    args = List.copyOf(args);
  }

  /** The same command, with a reason a person must decide (the first reason wins). */
  InfraCommand withReason(String why) {
    return reason != null || why == null ? this
        : new InfraCommand(tool, action, args, planFile, workingDir, text, why, refuse);
  }
}
