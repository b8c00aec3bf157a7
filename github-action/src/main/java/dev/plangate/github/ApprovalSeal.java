package dev.plangate.github;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The record of an approval, kept in the sticky comment so that a later push which leaves the
 * destroys unchanged keeps it. A label is not tied to commits: once pushed over, GitHub cannot
 * say which destroys it approved. The seal says so, and an HMAC with a repository secret the
 * agent never sees makes it unforgeable: an agent that can edit the comment (for example one
 * running with the workflow's own token) can copy an old seal, but the MAC covers the
 * fingerprint, the label event and the approver, so a copied seal approves nothing new.
 *
 * @param fingerprint the destructive-change set that was approved
 * @param labelEventId the timeline event of the label that approved it
 * @param approver the login that added the label
 * @param headSha the head commit the approval was given for
 */
public record ApprovalSeal(String fingerprint, long labelEventId, String approver,
    String headSha) {

  private static final Pattern MARKER = Pattern.compile("<!-- plangate-approval v1"
      + " fingerprint=([0-9a-f]{16}) label-event=(\\d{1,19}) approver=([A-Za-z0-9-]{1,39})"
      + " head=([0-9a-f]{40}) mac=([0-9a-f]{64}) -->");

  /** The hidden line for the comment, signed for this repository and pull request. */
  public String marker(String repository, int pullRequest, byte[] key) {
    return "<!-- plangate-approval v1 fingerprint=" + fingerprint + " label-event="
        + labelEventId + " approver=" + approver + " head=" + headSha + " mac="
        + mac(repository, pullRequest, key) + " -->";
  }

  /**
   * The seal in a comment body, if one is there and its MAC is right for this repository, pull
   * request and key. A seal with a wrong MAC is ignored as if absent.
   */
  public static Optional<ApprovalSeal> find(String body, String repository, int pullRequest,
      byte[] key) {
    if (body == null || key == null || key.length == 0) {
      return Optional.empty();
    }
    Matcher m = MARKER.matcher(body);
    if (!m.find()) {
      return Optional.empty();
    }
    ApprovalSeal seal;
    try {
      seal = new ApprovalSeal(m.group(1), Long.parseLong(m.group(2)), m.group(3), m.group(4));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    byte[] expected = seal.mac(repository, pullRequest, key).getBytes(StandardCharsets.US_ASCII);
    byte[] given = m.group(5).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? Optional.of(seal) : Optional.empty();
  }

  private String mac(String repository, int pullRequest, byte[] key) {
    String message = String.join("\n", "plangate-approval/v1", repository,
        Integer.toString(pullRequest), fingerprint, Long.toString(labelEventId), approver,
        headSha);
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(hmac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
