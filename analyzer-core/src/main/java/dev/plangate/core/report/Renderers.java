package dev.plangate.core.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one list of report formats. The CLI ({@code --format}, {@code --report}), the Maven goal
 * ({@code formats}) and the platform adapters look renderers up here by the name users type.
 */
public final class Renderers {
  public static final ReportRenderer TEXT = new TextReportRenderer(false);
  public static final ReportRenderer JSON = new JsonReportWriter();
  public static final ReportRenderer MARKDOWN = new MarkdownReportRenderer();
  public static final ReportRenderer SARIF = new SarifReportWriter();

  /** In the order help text lists them. */
  private static final List<ReportRenderer> ALL = List.of(TEXT, JSON, MARKDOWN, SARIF);

  private Renderers() {}

  public static List<ReportRenderer> all() {
    return ALL;
  }

  /** The names users type, in help-text order: text, json, markdown, sarif. */
  public static List<String> ids() {
    return ALL.stream().map(ReportRenderer::id).toList();
  }

  /** The renderer named {@code id} exactly (names are lower case), or empty. */
  public static Optional<ReportRenderer> byId(String id) {
    return ALL.stream().filter(r -> r.id().equals(id)).findFirst(); // null finds none
  }

  /** As {@link #byId}, ignoring case and surrounding blanks (Maven parameters). */
  public static Optional<ReportRenderer> byName(String name) {
    return name == null ? Optional.empty()
        : byId(name.strip().toLowerCase(Locale.ROOT));
  }

  /** "json, markdown, text or sarif": the ids joined for a sentence. */
  public static String sentence(List<String> ids) {
    if (ids.size() < 2) {
      return String.join("", ids);
    }
    return String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
  }
}
