package dev.plangate.core.policy;

/**
 * Marks resource types (or addresses) critical or not, overriding the built-in catalogue.
 *
 * @param type resource-type glob, or null
 * @param address address glob, or null (at least one of the two is set)
 * @param critical the new critical flag
 * @param category category to show when critical (may be null: keep the catalogue's or use
 *     {@code critical})
 */
public record CriticalityOverride(
    AddressGlob type, AddressGlob address, boolean critical, String category) {}
