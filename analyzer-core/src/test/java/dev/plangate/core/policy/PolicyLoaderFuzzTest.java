package dev.plangate.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.plangate.core.testing.FuzzFiles;
import java.nio.file.Path;

/**
 * Any bytes as a policy file: a policy or a {@link PolicyException} whose first line names the
 * file, nothing else.
 */
class PolicyLoaderFuzzTest {
  private static final Path FILE = FuzzFiles.scratch(".yml");

  @FuzzTest(maxDuration = "5s")
  void load(byte[] data) {
    try {
      Policy policy = PolicyLoader.load(FuzzFiles.write(FILE, data));
      assertThat(policy).isNotNull();
    } catch (PolicyException e) {
      assertThat(e.getMessage()).contains(FILE.getFileName().toString());
    }
  }
}
