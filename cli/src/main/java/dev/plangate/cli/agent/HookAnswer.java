package dev.plangate.cli.agent;

import java.util.Locale;

/**
 * What the hook answers about one shell command.
 *
 * @param verdict allow, ask the person, or deny
 * @param forPerson what the person is shown (the findings, the blast radius, the moved block)
 * @param forAgent what the agent is told (why, and what to do instead)
 */
public record HookAnswer(Verdict verdict, String forPerson, String forAgent) {
  public enum Verdict {
    ALLOW, ASK, DENY;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static HookAnswer allow() {
    return new HookAnswer(Verdict.ALLOW, "", "");
  }
}
