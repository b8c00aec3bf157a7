package dev.plangate.core.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plain wording for every Terraform/OpenTofu {@code action_reason}. */
final class Reasons {
  private static final Map<String, String> DELETE = Map.ofEntries(
      Map.entry("delete_because_no_resource_config",
          "its resource block was removed from the configuration"),
      Map.entry("delete_because_wrong_repetition",
          "the resource switched between count, for_each and a single instance, so this instance"
              + " key no longer exists"),
      Map.entry("delete_because_count_index", "its index is no longer below count"),
      Map.entry("delete_because_each_key", "its key was removed from for_each"),
      Map.entry("delete_because_no_module",
          "its module instance was removed (a module count index or for_each key is gone)"),
      Map.entry("delete_because_no_move_target",
          "a moved block points to an address that does not exist"),
      Map.entry("delete_because_enabled_false", "its enabled meta-argument is now false"));

  private static final Map<String, String> FORGET = Map.ofEntries(
      Map.entry("delete_because_no_resource_config",
          "a removed block with destroy = false replaced its resource block"),
      Map.entry("forgot_because_lifecycle_destroy_in_state",
          "its state records lifecycle destroy = false"),
      Map.entry("forgot_because_lifecycle_destroy_in_config",
          "its configuration sets lifecycle destroy = false"));

  private Reasons() {}

  /** Why a delete happens in a plan made with {@code -destroy}, which gives deletes no reason. */
  static final String DESTROY_MODE = "the plan destroys everything (terraform plan -destroy)";

  /**
   * @param terraformVersion the version that wrote the plan, or null when it does not say: only
   *     a version before 0.15.2 (which wrote no action_reason at all) is blamed for a missing one
   */
  static String forDelete(String reason, boolean destroyMode, String terraformVersion) {
    if (reason == null) {
      if (destroyMode) {
        return DESTROY_MODE;
      }
      if (terraformVersion == null) {
        return "the plan does not say why (no action_reason: a hand-written or trimmed plan, or"
            + " Terraform before 0.15.2)";
      }
      return before0152(terraformVersion)
          ? "the plan does not say why (Terraform " + terraformVersion + " wrote no action_reason)"
          : "the plan does not say why (Terraform " + terraformVersion + " gave this delete no"
              + " action_reason)";
    }
    return DELETE.getOrDefault(reason, "the plan gives the reason " + reason);
  }

  static String forReplace(String reason, List<String> paths) {
    if (reason == null) {
      return paths.isEmpty() ? "the plan does not say why (no action_reason)"
          : cannotUpdate(paths);
    }
    return switch (reason) {
      case "replace_because_cannot_update" -> paths.isEmpty()
          ? "a changed attribute cannot be updated in place" : cannotUpdate(paths);
      case "replace_because_tainted" ->
          "it is tainted (an earlier apply failed part-way, or someone ran terraform taint)";
      case "replace_by_request" -> "a replacement was requested with -replace";
      case "replace_by_triggers" ->
          "replace_triggered_by fired: something it is tied to changes in this plan";
      default -> "the plan gives the reason " + reason;
    };
  }

  static String forForget(String reason) {
    if (reason == null) {
      return "the plan stops managing it";
    }
    return FORGET.getOrDefault(reason, "the plan gives the reason " + reason);
  }

  /** Whether a version such as {@code 0.14.11} or {@code 1.5.0} is older than 0.15.2. */
  static boolean before0152(String version) {
    String[] parts = version.replaceFirst("^v", "").split("[.\\-+]");
    int[] want = {0, 15, 2};
    for (int i = 0; i < want.length; i++) {
      int have;
      try {
        have = i < parts.length ? Integer.parseInt(parts[i]) : 0;
      } catch (NumberFormatException e) {
        return false;
      }
      if (have != want[i]) {
        return have < want[i];
      }
    }
    return false;
  }

  /** "`a`", "`a` and `b`", "`a`, `b` and `c`", "`a`, `b`, `c` and 2 more": cannot change. */
  private static String cannotUpdate(List<String> paths) {
    List<String> named = new ArrayList<>(paths.stream().limit(3).map(p -> "`" + p + "`").toList());
    if (paths.size() > 3) {
      named.add((paths.size() - 3) + " more");
    }
    int last = named.size() - 1;
    return (last == 0 ? "" : String.join(", ", named.subList(0, last)) + " and ")
        + named.get(last) + " cannot change in place";
  }
}
