package dev.plangate.cli.agent;

import dev.plangate.core.agent.ApplyGuard.Outcome.Kind;

/**
 * What the hook answers about one shell command.
 *
 * @param verdict allow, ask the person, or deny
 * @param forPerson what the person is shown (the findings, the blast radius, the moved block)
 * @param forAgent what the agent is told (why, and what to do instead)
 */
public record HookAnswer(Kind verdict, String forPerson, String forAgent) {
  public static HookAnswer allow() {
    return new HookAnswer(Kind.ALLOW, "", "");
  }
}
