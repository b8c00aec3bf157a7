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
 */
public record InfraCommand(Tool tool, Action action, List<String> args, String planFile,
    String workingDir, String text) {
  public InfraCommand {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(text, "text");
    args = List.copyOf(args);
  }
}
