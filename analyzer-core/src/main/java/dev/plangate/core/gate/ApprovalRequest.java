package dev.plangate.core.gate;

/**
 * What an approval must match.
 *
 * @param fingerprint the destructive-change set being approved
 * @param label the approval label the policy names
 * @param headSha the newest commit; an approval given before it does not count, or null
 */
public record ApprovalRequest(String fingerprint, String label, String headSha) {}
