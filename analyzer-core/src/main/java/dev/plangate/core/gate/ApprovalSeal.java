package dev.plangate.core.gate;

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
 * The record of a label approval, kept in plangate's sticky comment or note so that a later push
 * which leaves the destroys unchanged keeps it: a label is not tied to commits, so once pushed
 * over, the platform cannot say which destroys it approved. The seal says so, and an HMAC with
 * a secret the agent never sees makes it unforgeable: an agent that can edit the comment can
 * copy an old seal, but the MAC covers the repository, the request, the fingerprint, the label
 * event and the approver, so a copied seal approves nothing new.
 *
 * @param fingerprint the destructive-change set that was approved
 * @param labelEventId the platform's event of the label that approved it
 * @param approver the account that added the label, as {@link LabelChange#actorKey()} gives it
 * @param headSha the head commit the approval was given for
 */
public record ApprovalSeal(String fingerprint, long labelEventId, String approver,
    String headSha) {

  /** How one platform writes its seals; the text of existing comments depends on it. */
  public enum Scheme {
    GITHUB("v1", "[A-Za-z0-9-]{1,39}", 19),
    GITLAB("gitlab-v1", "\\d{1,18}", 18);

    private final String version;
    private final Pattern marker;

    Scheme(String version, String approver, int eventDigits) {
      this.version = version;
      this.marker = Pattern.compile("<!-- plangate-approval " + version
          + " fingerprint=([0-9a-f]{16}) label-event=(\\d{1," + eventDigits + "}) approver=("
          + approver + ") head=([0-9a-f]{40}) mac=([0-9a-f]{64}) -->");
    }
  }

  /** The hidden line for the comment, signed for this repository (or project) and request. */
  public String marker(Scheme scheme, String repository, long request, byte[] key) {
    return "<!-- plangate-approval " + scheme.version + " fingerprint=" + fingerprint
        + " label-event=" + labelEventId + " approver=" + approver + " head=" + headSha
        + " mac=" + mac(scheme, repository, request, key) + " -->";
  }

  /**
   * The seal in a comment body, if one is there and its MAC is right for this repository,
   * request and key. A seal with a wrong MAC is ignored as if absent.
   */
  public static Optional<ApprovalSeal> find(Scheme scheme, String body, String repository,
      long request, byte[] key) {
    if (body == null || key == null || key.length == 0) {
      return Optional.empty();
    }
    Matcher m = scheme.marker.matcher(body);
    if (!m.find()) {
      return Optional.empty();
    }
    ApprovalSeal seal;
    try {
      seal = new ApprovalSeal(m.group(1), Long.parseLong(m.group(2)), m.group(3), m.group(4));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    byte[] expected = seal.mac(scheme, repository, request, key)
        .getBytes(StandardCharsets.US_ASCII);
    byte[] given = m.group(5).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? Optional.of(seal) : Optional.empty();
  }

  private String mac(Scheme scheme, String repository, long request, byte[] key) {
    String message = String.join("\n", "plangate-approval/" + scheme.version, repository,
        Long.toString(request), fingerprint, Long.toString(labelEventId), approver, headSha);
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HexFormat.of().formatHex(hmac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
