package dev.plangate.cli;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which files of a repository describe infrastructure, so that the pre-push hook knows a push
 * changes what a plan shows. The built-in list (see docs/pre-push.md) covers Terraform and
 * OpenTofu, CloudFormation, Pulumi and the AWS CDK; a repository adds its own globs with
 * {@code git config --add plangate.infraFiles GLOB}. Configuration only adds: a file the
 * defaults call infrastructure stays infrastructure.
 *
 * <p>A glob without {@code /} matches a file name anywhere ({@code *.tf}); one with {@code /}
 * matches the repository-relative path ({@code deploy/**}), and a leading {@code **}{@code /}
 * also matches at the top. Pulumi programs and CDK apps are written in general-purpose
 * languages, so every file in a directory that holds {@code Pulumi.yaml} or {@code cdk.json}
 * (in the pushed tree) counts.
 */
final class InfraFiles {
  /** The built-in globs, documented in docs/pre-push.md. */
  static final List<String> DEFAULTS = List.of(
      // Terraform, OpenTofu, Terragrunt
      "*.tf", "*.tf.json", "*.tofu", "*.tofu.json", "*.tfvars", "*.tfvars.json",
      ".terraform.lock.hcl", "terragrunt.hcl",
      // CloudFormation and SAM templates
      "*.template", "*.template.json", "*.template.yaml", "*.template.yml",
      "*.cfn.json", "*.cfn.yaml", "*.cfn.yml", "template.json", "template.yaml", "template.yml",
      "**/cloudformation/**", "**/cfn/**",
      // Pulumi project and stack configuration
      "Pulumi.yaml", "Pulumi.yml", "Pulumi.*.yaml", "Pulumi.*.yml",
      // AWS CDK
      "cdk.json", "cdk.context.json", "**/cdk.out/**");

  /** Files that make their directory a project whose every file is infrastructure. */
  static final Set<String> PROJECT_MARKERS = Set.of("Pulumi.yaml", "Pulumi.yml", "cdk.json");

  private final List<PathMatcher> byName = new ArrayList<>();
  private final List<PathMatcher> byPath = new ArrayList<>();
  private final List<String> projects;

  /**
   * @param extra globs the repository adds
   * @param tree every file of the pushed tree, to find Pulumi and CDK project directories
   */
  InfraFiles(Collection<String> extra, Collection<String> tree) {
    List<String> all = new ArrayList<>(DEFAULTS);
    extra.stream().map(String::strip).filter(g -> !g.isEmpty()).forEach(all::add);
    for (String g : all) {
      if (g.contains("/")) {
        byPath.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
        if (g.startsWith("**/")) {
          byPath.add(FileSystems.getDefault().getPathMatcher("glob:" + g.substring(3)));
        }
      } else {
        byName.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
      }
    }
    List<String> dirs = new ArrayList<>();
    for (String file : tree) {
      int slash = file.lastIndexOf('/');
      if (PROJECT_MARKERS.contains(file.substring(slash + 1))) {
        dirs.add(slash < 0 ? "" : file.substring(0, slash + 1));
      }
    }
    this.projects = List.copyOf(dirs);
  }

  /** Whether the repository-relative, {@code /}-separated {@code path} is infrastructure. */
  boolean matches(String path) {
    if (projects.stream().anyMatch(path::startsWith)) {
      return true;
    }
    Path p;
    try {
      p = Path.of(path);
    } catch (java.nio.file.InvalidPathException e) {
      return true; // a name plangate cannot even represent is not cleared
    }
    Path name = p.getFileName();
    return (name != null && byName.stream().anyMatch(m -> m.matches(name)))
        || byPath.stream().anyMatch(m -> m.matches(p));
  }
}
