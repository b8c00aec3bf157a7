package dev.plangate.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Any bytes as an audit log: verifying always ends in a verdict (ok, or the first bad line and
 * why in one line), never in an exception.
 */
class AuditVerifierFuzzTest {
  @FuzzTest(maxDuration = "5s")
  void verify(byte[] data) throws IOException {
    AuditVerification v = AuditVerifier.verify(new ByteArrayInputStream(data), null);
    assertThat(v.message()).isNotBlank().doesNotContain("\n");
    if (v.ok()) {
      assertThat(data.length == 0 || data[data.length - 1] == '\n').isTrue();
    }
  }
}
