package dev.plangate.gitlab;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The record of a label approval kept in the sticky note, so that a later push that leaves the
 * destroys unchanged keeps it: GitLab's label is not tied to commits. An HMAC with a secret the
 * agent never sees ({@code PLANGATE_APPROVAL_SECRET}, a masked CI/CD variable) covers the
 * project, merge request, fingerprint, label event and approver, so a copied seal approves
 * nothing new. The same design as the GitHub adapter's seal, with GitLab's identifiers.
 */
public record ApprovalSeal(String fingerprint, long labelEventId, long approverId,
    String headSha) {
  private static final Pattern MARKER = Pattern.compile("<!-- plangate-approval gitlab-v1"
      + " fingerprint=([0-9a-f]{16}) label-event=(\\d{1,18}) approver=(\\d{1,18})"
      + " head=([0-9a-f]{40}) mac=([0-9a-f]{64}) -->");

  public String marker(String project, long iid, byte[] key) {
    return "<!-- plangate-approval gitlab-v1 fingerprint=" + fingerprint + " label-event="
        + labelEventId + " approver=" + approverId + " head=" + headSha + " mac="
        + mac(project, iid, key) + " -->";
  }

  /** The seal in a note, if there is one with the right MAC; a wrong MAC reads as none. */
  public static Optional<ApprovalSeal> find(String body, String project, long iid, byte[] key) {
    if (body == null || key == null || key.length == 0) {
      return Optional.empty();
    }
    Matcher m = MARKER.matcher(body);
    if (!m.find()) {
      return Optional.empty();
    }
    ApprovalSeal seal = new ApprovalSeal(m.group(1), Long.parseLong(m.group(2)),
        Long.parseLong(m.group(3)), m.group(4));
    return MessageDigest.isEqual(seal.mac(project, iid, key).getBytes(StandardCharsets.US_ASCII),
        m.group(5).getBytes(StandardCharsets.US_ASCII)) ? Optional.of(seal) : Optional.empty();
  }

  private String mac(String project, long iid, byte[] key) {
    String message = String.join("\n", "plangate-approval/gitlab-v1", project,
        Long.toString(iid), fingerprint, Long.toString(labelEventId),
        Long.toString(approverId), headSha);
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(hmac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
