package dev.plangate.core.gate;

import java.time.Instant;

/**
 * A human sign-off found by an {@link Approver}.
 *
 * @param approver who gave it (a login)
 * @param via how: {@code label plangate/approve-destroy}, ...
 * @param fingerprint the fingerprint it approves
 * @param at when it was given
 */
public record Approval(String approver, String via, String fingerprint, Instant at) {}
