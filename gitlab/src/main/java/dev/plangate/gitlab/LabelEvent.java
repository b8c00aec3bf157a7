package dev.plangate.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.gate.LabelChange;
import dev.plangate.platform.ApiText;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One entry of {@code GET /projects/:id/merge_requests/:iid/resource_label_events}: who added
 * or removed which label, by GitLab's clock.
 */
public record LabelEvent(long id, GitLabUser user, Instant at, String label, boolean added)
    implements LabelChange {
  @Override
  public String actorName() {
    return user.username();
  }

  /** The numeric user id: a user name can be changed, the id cannot. */
  @Override
  public String actorKey() {
    return Long.toString(user.id());
  }

  static LabelEvent of(JsonNode n) throws GitLabCheckException {
    String action = n.path("action").asText("");
    if (!action.equals("add") && !action.equals("remove")) {
      throw new GitLabCheckException("a label event has action '" + ApiText.clean(action, 20)
          + "', neither add nor remove");
    }
    Instant at;
    try {
      at = Instant.parse(n.path("created_at").asText(""));
    } catch (DateTimeParseException e) {
      throw new GitLabCheckException("label event " + n.path("id").asLong()
          + " has no valid created_at");
    }
    // A deleted label is null: it cannot be ours any more.
    return new LabelEvent(n.path("id").asLong(), GitLabUser.of(n.get("user")), at,
        n.path("label").path("name").asText(""), action.equals("add"));
  }
}
