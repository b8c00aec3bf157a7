package dev.plangate.maven;

import java.util.List;
import java.util.Map;

/**
 * What a child process of the integration tests sees: the machine's basics (PATH, HOME, LANG,
 * JAVA_HOME, TMPDIR) and exactly the variables a test gives, never the agent or CI variables of
 * the shell that runs the build — they would change the authorship the gate reads.
 */
final class CleanEnvironment {
  private CleanEnvironment() {}

  static ProcessBuilder apply(ProcessBuilder pb, Map<String, String> extra) {
    Map<String, String> env = pb.environment();
    env.clear();
    for (String name : List.of("PATH", "HOME", "LANG", "JAVA_HOME", "TMPDIR")) {
      if (System.getenv(name) != null) {
        env.put(name, System.getenv(name));
      }
    }
    env.putAll(extra);
    return pb;
  }
}
