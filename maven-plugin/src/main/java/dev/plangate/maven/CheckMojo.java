package dev.plangate.maven;

import dev.plangate.core.gate.Decision;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.report.BriefReport;
import dev.plangate.core.report.Report;
import dev.plangate.core.source.Vocabulary;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Analyses Terraform/OpenTofu plans, CloudFormation change sets and templates, AWS CDK
 * {@code cdk.out} assemblies and Pulumi previews, and fails the build when a change destroys or
 * replaces infrastructure without the sign-off the policy asks for (by default: any destroy in a
 * change an AI agent took part in). The decision, each finding and the next step are logged; the
 * full report is written under {@code target/plangate/}.
 *
 * <p>A gate failure (approval required, or a protected resource destroyed) fails the build; a
 * plan, template or policy that cannot be read is a build error naming the parameter. Nothing is
 * ever passed because it could not be read.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {
  /** How many findings the failure message names; the rest are in the report. */
  static final int FINDINGS_IN_MESSAGE = 5;
  /**
   * Beyond this many findings the log points to the report instead (plans of 10,000 exist);
   * the brief report is made with at most this many lines.
   */
  static final int MAX_FINDING_LINES = 1000;

  /** The goal's parameter names, as the sources' problems name them to a Maven user. */
  static final Vocabulary VOCABULARY = new Vocabulary("plans", "templates", "templateBefore",
      "templateAfter", "cdkOut", "cdkOutBase", "base");

  /**
   * Plan files: {@code terraform show -json} output or a saved binary plan, {@code aws
   * cloudformation describe-change-set} output (every page and nested change set), {@code pulumi
   * preview --json}. Paths or patterns ({@code infra/**}{@code /plan.json}) relative to the
   * project directory; a pattern that matches nothing is an error. Without plans, templates or
   * cdkOut, the policy's {@code plans} patterns (relative to the repository root) are used.
   */
  @Parameter(property = "plangate.plans")
  List<String> plans;

  /**
   * CloudFormation templates. Next to a change set, the one template it was made from (its
   * dependency graph). Otherwise each is diffed offline against its version in the base commit.
   */
  @Parameter(property = "plangate.templates")
  List<String> templates;

  /**
   * An AWS CDK cloud assembly ({@code cdk.out}), diffed stack by stack against
   * {@code cdkOutBase}, or, without it, against the assembly committed at the same path in the
   * base commit.
   */
  @Parameter(property = "plangate.cdkOut")
  File cdkOut;

  /** The base version's cloud assembly, e.g. {@code cdk synth} run on the target branch. */
  @Parameter(property = "plangate.cdkOutBase")
  File cdkOutBase;

  /** {@code pulumi stack export} output: the dependencies of a Pulumi preview. */
  @Parameter(property = "plangate.stackExport")
  File stackExport;

  /**
   * The policy file. Default: {@code .plangate.yml} in the project directory, else at the
   * repository root, else the built-in policy.
   */
  @Parameter(property = "plangate.policy")
  File policy;

  /**
   * Base of the commit range whose authorship is read (and of the offline template diff).
   * Default: on a pull-request build, its target branch ({@code GITHUB_BASE_REF}, GitLab's
   * {@code CI_MERGE_REQUEST_DIFF_BASE_SHA}); otherwise the merge base of {@code head} with the
   * repository's default branch ({@code origin/HEAD}, else {@code origin/main}, else
   * {@code origin/master}), and only without one, with the branch's upstream. With none, or
   * when the range holds no commit (a build of the default branch itself), authorship is
   * unknown, which counts as AI unless the policy says otherwise.
   */
  @Parameter(property = "plangate.base")
  String base;

  /** Head of the commit range. */
  @Parameter(property = "plangate.head", defaultValue = "HEAD")
  String head;

  /**
   * Repository-relative directory of the plans' root module, for naming the commit that
   * caused each Terraform destroy. Default: each plan file's own directory.
   */
  @Parameter(property = "plangate.moduleDir")
  String moduleDir;

  /** The approval label the report names, instead of the policy's {@code approval.label}. */
  @Parameter(property = "plangate.approvalLabel")
  String approvalLabel;

  /**
   * Report formats written to {@code outputDirectory}: {@code json} (report.json, the
   * canonical result), {@code markdown} (report.md), {@code text} (report.txt), {@code sarif}
   * (report.sarif).
   */
  @Parameter(property = "plangate.formats", defaultValue = "json,markdown")
  List<String> formats;

  /** Where the reports go. */
  @Parameter(property = "plangate.outputDirectory",
      defaultValue = "${project.build.directory}/plangate")
  File outputDirectory;

  /**
   * Whether "approval required" fails the build. When false it is logged as a warning, for a
   * build that only reports; a protected resource and unreadable input still fail.
   */
  @Parameter(property = "plangate.failOnApprovalRequired", defaultValue = "true")
  boolean failOnApprovalRequired;

  /** Skips the check. */
  @Parameter(property = "plangate.skip", defaultValue = "false")
  boolean skip;

  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  /** The process environment: agent variables are an authorship signal. Replaced in tests. */
  Map<String, String> environment = System.getenv();

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().warn("plangate: skipped (plangate.skip): no plan was checked, nothing was approved");
      return;
    }
    ReportFiles files;
    Report report;
    List<Path> written;
    try {
      Inputs inputs = new Inputs(this, getLog());
      files = ReportFiles.of(formats, outputDirectory.toPath());
      report = new Pipeline().check(inputs.request());
      written = files.write(report);
    } catch (Inputs.ParameterException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    Path shown = written.isEmpty() ? null : files.mostReadable(written);
    String where = shown == null ? null : relative(shown);
    BriefReport brief = BriefReport.of(report, MAX_FINDING_LINES);
    boolean fails = report.decision() == Decision.BLOCKED
        || (report.decision() == Decision.APPROVAL_REQUIRED && failOnApprovalRequired);
    log(brief, report.decision(), fails);
    if (where != null) {
      getLog().info("plangate: report written to " + where);
    }
    switch (report.decision()) {
      case ERROR -> throw new MojoExecutionException(message(brief, report.decision(), where));
      case BLOCKED -> throw new MojoFailureException(message(brief, report.decision(), where));
      case APPROVAL_REQUIRED -> {
        if (failOnApprovalRequired) {
          throw new MojoFailureException(message(brief, report.decision(), where));
        }
        getLog().warn("plangate: failOnApprovalRequired is false, so the build goes on without"
            + " the approval");
      }
      default -> { }
    }
  }

  /**
   * The report in Maven's log: the decision, then one line per finding, then the next step. The
   * level says how much it matters: what fails the build is an error, a critical finding in a
   * build that passes is a warning, the rest is information.
   */
  private void log(BriefReport brief, Decision decision, boolean failsTheBuild) {
    Log log = getLog();
    boolean error = failsTheBuild || decision == Decision.ERROR;
    Consumer<CharSequence> headline = error ? log::error
        : brief.findings().isEmpty() ? log::info : log::warn;
    headline.accept(brief.headline());
    for (BriefReport.Line line : brief.findings()) {
      Consumer<CharSequence> level = line.critical() ? (error ? log::error : log::warn)
          : (error ? log::warn : log::info);
      level.accept("  " + line.text());
    }
    if (brief.more() > 0) {
      headline.accept("  ... " + brief.more() + " more in the report");
    }
    brief.next().forEach(headline);
  }

  /**
   * The failure message: the decision, a few findings and the next step, in the order every
   * plangate report uses. Maven prints it once more at the end of the build.
   */
  static String message(BriefReport brief, Decision decision, String reportPath) {
    List<BriefReport.Line> shown = brief.findings().subList(0,
        Math.min(FINDINGS_IN_MESSAGE, brief.findings().size()));
    int more = brief.more() + brief.findings().size() - shown.size();
    StringBuilder sb = new StringBuilder(brief.headline());
    if (!shown.isEmpty()) {
      sb.append(':');
    }
    for (BriefReport.Line line : shown) {
      sb.append("\n  ").append(line.text());
    }
    if (more > 0) {
      sb.append("\n  ... ").append(more).append(" more")
          .append(reportPath == null ? "" : " in " + reportPath);
    }
    // the next step says what works in a build (the report's approval route), not "add a label"
    brief.next().forEach(n -> sb.append('\n').append(n));
    if (reportPath != null && more == 0) {
      sb.append("\nFull report: ").append(reportPath);
    }
    return sb.toString();
  }

  /** A report path as the person reading the log finds it: relative to the project, if under it. */
  private String relative(Path file) {
    Path dir = basedir.toPath().toAbsolutePath().normalize();
    Path f = file.toAbsolutePath().normalize();
    return f.startsWith(dir) ? dir.relativize(f).toString() : f.toString();
  }
}
