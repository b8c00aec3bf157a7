package dev.plangate.core.report.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A pull-request comment as a reviewer sees it: the Markdown rendered by a GitHub-flavoured
 * renderer (commonmark-java with GFM tables), laid out by a real browser (headless Chromium) in a
 * column as wide as GitHub's conversation column, with GitHub's rules for tables (a table is a
 * scrolling block no wider than the column; cells do not wrap inside words). What is measured is
 * what a reviewer notices: whether a table needs scrolling, i.e. whether a column is cut off.
 */
public final class GitHubCommentView {
  /** The width of a comment's body in GitHub's pull-request conversation, in CSS pixels. */
  public static final int COLUMN = 880;

  private static final List<org.commonmark.Extension> GFM = List.of(TablesExtension.create());
  private static final Pattern MEASURE = Pattern.compile(
      "data-table-(\\d+)-(\\d+)=\"(\\d+)/(\\d+)\"");

  /** One table of comment {@code comment}: the width its content needs and the width shown. */
  public record Table(int comment, int index, int contentWidth, int shownWidth) {
    public boolean fits() {
      return contentWidth <= shownWidth;
    }
  }

  private GitHubCommentView() {}

  /** Chromium on PATH (Debian's {@code chromium}), or empty: the browser tests then skip. */
  public static Optional<String> browser() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
          return Optional.of(Path.of(dir, name).toString());
        }
      }
    }
    return Optional.empty();
  }

  /** An HTML page showing each of {@code comments} as GitHub would, one after the other. */
  public static String page(List<String> comments) {
    StringBuilder body = new StringBuilder();
    for (String markdown : comments) {
      body.append("<div class=\"markdown-body\">").append(HtmlRenderer.builder()
          .extensions(GFM).build().render(Parser.builder().extensions(GFM).build()
              .parse(markdown))).append("</div>");
    }
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>"
        + "body{margin:0;padding:16px;background:#fff}"
        + ".markdown-body{width:" + COLUMN + "px;font-family:-apple-system,'Segoe UI','Noto Sans',"
        + "Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#1f2328;"
        + "overflow-wrap:break-word}"
        + ".markdown-body table{display:block;width:max-content;max-width:100%;overflow:auto;"
        + "border-spacing:0;border-collapse:collapse;margin:0 0 16px}"
        + ".markdown-body td,.markdown-body th{padding:6px 13px;border:1px solid #d1d9e0}"
        + ".markdown-body th{font-weight:600}"
        + ".markdown-body code{font-family:ui-monospace,SFMono-Regular,'SF Mono',Menlo,Consolas,"
        + "'Liberation Mono',monospace;font-size:85%;padding:.2em .4em;background:#eff1f3;"
        + "border-radius:6px;white-space:break-spaces}"
        + ".markdown-body pre{background:#f6f8fa;padding:16px;overflow:auto;font-size:85%}"
        + ".markdown-body pre code{background:none;padding:0;white-space:pre}"
        + ".markdown-body+.markdown-body{margin-top:32px}"
        + "</style></head><body>" + body
        + "<script>document.querySelectorAll('.markdown-body').forEach(function(c,i){"
        + "c.querySelectorAll('table').forEach(function(t,j){document.body.setAttribute("
        + "'data-table-'+i+'-'+j,t.scrollWidth+'/'+t.clientWidth);});});"
        + "</script></body></html>";
  }

  /** Lays {@code comments} out in one Chromium run and measures every table of each. */
  public static List<Table> tables(String browser, List<String> comments, Path work)
      throws IOException, InterruptedException {
    Path html = work.resolve("comment.html");
    Files.writeString(html, page(comments), StandardCharsets.UTF_8);
    String dom = run(browser, work, "--dump-dom", html.toUri().toString());
    List<Table> out = new ArrayList<>();
    Matcher m = MEASURE.matcher(dom);
    while (m.find()) {
      out.add(new Table(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
    }
    return out;
  }

  /** A PNG of the comment as shown, {@code height} pixels tall. */
  public static void screenshot(String browser, String markdown, Path png, int height)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("plangate-comment");
    Path html = work.resolve("comment.html");
    Files.writeString(html, page(List.of(markdown)), StandardCharsets.UTF_8);
    run(browser, work, "--screenshot=" + png.toAbsolutePath(),
        "--window-size=" + (COLUMN + 32) + "," + height, html.toUri().toString());
  }

  private static String run(String browser, Path work, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
        "--user-data-dir=" + work.resolve("profile")));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish within 60 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException("chromium exited " + p.exitValue());
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
