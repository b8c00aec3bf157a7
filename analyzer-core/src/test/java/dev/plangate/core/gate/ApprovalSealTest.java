package dev.plangate.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.gate.ApprovalSeal.Scheme;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApprovalSealTest {
  private static final byte[] KEY = "seal-key".getBytes(StandardCharsets.UTF_8);
  private static final String FP = "0123456789abcdef";

  /** Seals already written into comments and notes must keep verifying: the text is pinned. */
  @Test
  void theMarkersKeepTheTextEarlierReleasesWrote() {
    assertThat(new ApprovalSeal(FP, 9001, "Alice-1", "a".repeat(40))
        .marker(Scheme.GITHUB, "acme/infra", 42, KEY)).isEqualTo("<!-- plangate-approval v1"
            + " fingerprint=0123456789abcdef label-event=9001 approver=Alice-1 head="
            + "a".repeat(40) + " mac=51af8773a2a3b927441666d271f847b47d58ee1e3efed6310c71ac7fbefc"
            + "9f29 -->");
    assertThat(new ApprovalSeal(FP, 77, "1234", "b".repeat(40))
        .marker(Scheme.GITLAB, "group/infra", 7, KEY)).isEqualTo("<!-- plangate-approval"
            + " gitlab-v1 fingerprint=0123456789abcdef label-event=77 approver=1234 head="
            + "b".repeat(40) + " mac=40394be2181cf61a51e2c339feffd3c5ee992bdfaba4cbdd22ea03ea5801"
            + "1e5f -->");
  }

  @Test
  void aSealIsVerifiedByItsMacForItsRepositoryRequestAndKey() {
    ApprovalSeal seal = new ApprovalSeal(FP, 9001, "alice", "c".repeat(40));
    String body = "report\n" + seal.marker(Scheme.GITHUB, "acme/infra", 42, KEY) + "\n";
    assertThat(ApprovalSeal.find(Scheme.GITHUB, body, "acme/infra", 42, KEY)).contains(seal);
    assertThat(ApprovalSeal.find(Scheme.GITHUB, body, "acme/infra", 43, KEY)).isEmpty();
    assertThat(ApprovalSeal.find(Scheme.GITHUB, body, "acme/other", 42, KEY)).isEmpty();
    assertThat(ApprovalSeal.find(Scheme.GITHUB, body, "acme/infra", 42,
        "other".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(ApprovalSeal.find(Scheme.GITHUB, body.replace(FP, "0000000000000000"),
        "acme/infra", 42, KEY)).as("the fingerprint is under the MAC").isEmpty();
    assertThat(ApprovalSeal.find(Scheme.GITHUB, body.replace("approver=alice", "approver=mallory"),
        "acme/infra", 42, KEY)).as("the approver is under the MAC").isEmpty();
    assertThat(ApprovalSeal.find(Scheme.GITHUB, body, "acme/infra", 42, new byte[0])).isEmpty();
    assertThat(ApprovalSeal.find(Scheme.GITHUB, body, "acme/infra", 42, null)).isEmpty();
    assertThat(ApprovalSeal.find(Scheme.GITHUB, null, "acme/infra", 42, KEY)).isEmpty();
    assertThat(ApprovalSeal.find(Scheme.GITHUB, "no seal here", "acme/infra", 42, KEY)).isEmpty();
  }

  @Test
  void oneSchemeDoesNotReadTheOthersSeals() {
    ApprovalSeal seal = new ApprovalSeal(FP, 5, "1234", "d".repeat(40));
    String gitlab = seal.marker(Scheme.GITLAB, "g/p", 7, KEY);
    assertThat(ApprovalSeal.find(Scheme.GITLAB, gitlab, "g/p", 7, KEY)).contains(seal);
    assertThat(ApprovalSeal.find(Scheme.GITHUB, gitlab, "g/p", 7, KEY)).isEmpty();
    String github = seal.marker(Scheme.GITHUB, "g/p", 7, KEY);
    assertThat(ApprovalSeal.find(Scheme.GITLAB, github, "g/p", 7, KEY)).isEmpty();
    assertThat(ApprovalSeal.find(Scheme.GITLAB, new ApprovalSeal(FP, 5, "alice", "d".repeat(40))
        .marker(Scheme.GITLAB, "g/p", 7, KEY), "g/p", 7, KEY))
        .as("a GitLab seal names its approver by numeric id").isEmpty();
  }

  @Test
  void anEventIdTooLargeForALongIsNoSeal() {
    ApprovalSeal seal = new ApprovalSeal(FP, 1, "alice", "e".repeat(40));
    String body = seal.marker(Scheme.GITHUB, "a/b", 1, KEY)
        .replace("label-event=1 ", "label-event=9999999999999999999 ");
    assertThat(ApprovalSeal.find(Scheme.GITHUB, body, "a/b", 1, KEY)).isEmpty();
  }
}
