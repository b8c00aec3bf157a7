package dev.plangate.core.report.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plangate.core.report.GoldenReports;
import dev.plangate.core.report.MarkdownReportRenderer;
import dev.plangate.core.report.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull-request comment as a reviewer sees it in GitHub's conversation column: every table
 * fits (no column, least of all the commits that caused a destroy, is cut off behind a scroll
 * bar), and a comment about a handful of findings is short. Laid out by headless Chromium
 * ({@link GitHubCommentView}); skipped with a message where no Chromium is installed (CI installs
 * Debian's {@code chromium}).
 * <p>{@code -Dplangate.screenshot=docs/pr-comment.png} also writes the screenshot the docs show.
 */
class CommentLayoutTest {
  private static final Optional<String> BROWSER = GitHubCommentView.browser();

  @TempDir Path work;

  static String comment(Report r) {
    return new MarkdownReportRenderer().render(r, 65_536);
  }

  @Test
  void everyTableOfEveryCommentFitsGitHubsColumn() throws Exception {
    assumeTrue(BROWSER.isPresent(), "no chromium on PATH: the comment layout is not measured"
        + " (apt-get install chromium)");
    List<String> names = new ArrayList<>(GoldenReports.all().keySet());
    List<String> comments = new ArrayList<>();
    for (String name : names) {
      comments.add(comment(GoldenReports.all().get(name).get()));
    }
    List<GitHubCommentView.Table> tables = GitHubCommentView.tables(BROWSER.get(), comments,
        work);
    assertThat(tables).as("some comment has a table").isNotEmpty();
    for (GitHubCommentView.Table t : tables) {
      assertThat(t.fits()).as("%s: table %d needs %d px of %d:%n%s", names.get(t.comment()),
          t.index(), t.contentWidth(), t.shownWidth(), comments.get(t.comment())).isTrue();
    }
  }

  @Test
  void theMeasureSeesATableThatIsTooWide() throws Exception {
    assumeTrue(BROWSER.isPresent(), "no chromium on PATH");
    String wide = "| a | b |\n|---|---|\n| `" + "x".repeat(200) + "` | y |\n";
    List<GitHubCommentView.Table> t = GitHubCommentView.tables(BROWSER.get(),
        List.of(wide, "| a |\n|---|\n| b |\n"), work);
    assertThat(t).hasSize(2);
    assertThat(t.get(0).fits()).as("%s", t.get(0)).isFalse();
    assertThat(t.get(1).fits()).as("%s", t.get(1)).isTrue();
  }

  @Test
  void aCommentAboutAHandfulOfFindingsIsAtMostFortyLines() {
    for (String name : List.of("seven-findings-on-pull-request",
        "example-orders-service-destroy", "example-terraform-db-replace")) {
      Report r = GoldenReports.all().get(name).get();
      String md = comment(r);
      assertThat(md.lines().count()).as("%s (%d findings):%n%s", name, r.findings().size(), md)
          .isLessThanOrEqualTo(40);
    }
  }

  @Test
  void screenshotForTheDocs() throws Exception {
    String target = System.getProperty("plangate.screenshot");
    assumeTrue(target != null && BROWSER.isPresent(), "-Dplangate.screenshot=FILE writes it");
    Path png = Path.of(System.getProperty("plangate.root", "..")).resolve(target);
    GitHubCommentView.screenshot(BROWSER.get(), comment(GoldenReports.all()
        .get("seven-findings-on-pull-request").get()), png, 900);
    assertThat(png).exists();
  }
}
