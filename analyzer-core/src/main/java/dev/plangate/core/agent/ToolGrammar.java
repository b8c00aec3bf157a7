package dev.plangate.core.agent;

import dev.plangate.core.agent.ShellTokens.Word;
import java.util.List;

/**
 * One tool's command line: which of its subcommands change infrastructure or state, which of its
 * options take values, which make a command harmless. {@link Subcommands#grammar} picks one per
 * {@link Tool}.
 */
interface ToolGrammar {
  /**
   * Reports to {@code out} what the tool's arguments ask for; nothing when they only read, show
   * help or rehearse.
   *
   * @param tool the tool that runs (terraform and tofu share a grammar)
   * @param args the words after the tool's binary
   */
  void read(Tool tool, List<Word> args, Subcommands out);
}
