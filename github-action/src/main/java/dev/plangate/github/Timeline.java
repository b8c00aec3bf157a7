package dev.plangate.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plangate.core.gate.LabelChange;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a pull request's issue timeline ({@code GET /issues/{n}/timeline}) that decide
 * an approval, in the order GitHub lists them (oldest first). {@code committed} entries carry
 * only client-supplied dates, so pushes are never timed from them.
 *
 * @param labels every labeled and unlabeled event
 * @param forcePushes every {@code head_ref_force_pushed} event
 * @param reviews every submitted review
 */
public record Timeline(List<LabelEvent> labels, List<ForcePush> forcePushes,
    List<Review> reviews) {

  public Timeline {
    labels = List.copyOf(labels);
    forcePushes = List.copyOf(forcePushes);
    reviews = List.copyOf(reviews);
  }

  /**
   * A label added or removed.
   *
   * @param id the issue event's id
   * @param added true for labeled, false for unlabeled
   * @param label the label's name
   * @param actor who did it
   * @param app the slug of the GitHub App it was performed through, or null
   * @param at GitHub's time of the event
   */
  public record LabelEvent(long id, boolean added, String label, Account actor, String app,
      Instant at) implements LabelChange {
    @Override
    public String actorName() {
      return actor.login();
    }

    @Override
    public String actorKey() {
      return actor.login();
    }
  }

  /** The head branch was force-pushed (by {@code actor}, at GitHub's time {@code at}). */
  public record ForcePush(Account actor, Instant at) {}

  /**
   * A submitted review.
   *
   * @param user the reviewer
   * @param state {@code approved}, {@code changes_requested}, {@code commented}, {@code dismissed}
   * @param commitId the head commit when it was submitted
   * @param at when it was submitted
   */
  public record Review(Account user, String state, String commitId, Instant at) {
    public boolean approves() {
      return "approved".equals(state);
    }
  }

  /** Reads every page of the timeline, concatenated. */
  public static Timeline of(List<JsonNode> events) {
    List<LabelEvent> labels = new ArrayList<>();
    List<ForcePush> pushes = new ArrayList<>();
    List<Review> reviews = new ArrayList<>();
    for (JsonNode e : events) {
      switch (e.path("event").asText("")) {
        case "labeled", "unlabeled" -> labels.add(new LabelEvent(e.path("id").asLong(),
            "labeled".equals(e.path("event").asText()), e.path("label").path("name").asText(""),
            Account.of(e.get("actor")), appSlug(e.get("performed_via_github_app")),
            time(e, "created_at")));
        case "head_ref_force_pushed" -> pushes.add(new ForcePush(Account.of(e.get("actor")),
            time(e, "created_at")));
        case "reviewed" -> reviews.add(new Review(Account.of(e.get("user")),
            e.path("state").asText("").toLowerCase(Locale.ROOT), e.path("commit_id").asText(""),
            time(e, "submitted_at")));
        default -> { }
      }
    }
    return new Timeline(labels, pushes, reviews);
  }

  private static String appSlug(JsonNode app) {
    if (app == null || app.isNull()) {
      return null;
    }
    String slug = app.path("slug").asText("");
    return slug.isEmpty() ? app.path("name").asText("an app") : slug;
  }

  private static Instant time(JsonNode e, String field) {
    String text = e.path(field).asText("");
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException ex) {
      throw new IllegalArgumentException("a timeline \"" + e.path("event").asText() + "\" event"
          + " has no valid " + field + ": \"" + text + "\"");
    }
  }
}
