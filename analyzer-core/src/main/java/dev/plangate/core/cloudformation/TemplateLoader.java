package dev.plangate.core.cloudformation;

import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.plan.PlanReadException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the two versions a {@link TemplateDiff} compares come from: two template files, a template
 * and its version in a git revision, two AWS CDK cloud assemblies ({@code cdk.out}), or an
 * assembly and the one committed in a git revision. Loading only; nothing here compares.
 */
public final class TemplateLoader {
  private TemplateLoader() {}

  /**
   * The versions to compare, each by stack name ({@code ""} for a single template), and what
   * loading found worth saying before anything the diff says.
   */
  public record Versions(Map<String, Template> before, Map<String, Template> after,
      List<String> warnings) {
    public Versions {
      // Copied in order: stacks are diffed, and reported, in the order they were read.
      before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
      after = Collections.unmodifiableMap(new LinkedHashMap<>(after));
      warnings = List.copyOf(warnings);
    }

    /** One template against another, no warning. */
    public static Versions of(Template before, Template after) {
      return new Versions(Map.of("", before), Map.of("", after), List.of());
    }
  }

  /** Two template files, {@code before} read first. */
  public static Versions files(Path before, Path after) throws PlanReadException {
    Template b = TemplateReader.read(before);
    return Versions.of(b, TemplateReader.read(after));
  }

  /**
   * A template in the working tree and its version in {@code baseRev}, read with
   * {@code git show} (nested stacks' local templates too). A template that did not exist in the
   * base is compared with an empty one, with a warning that every resource in it is new.
   *
   * @throws PlanReadException when either version is not a readable template
   * @throws GitException when the revision is unknown or git fails
   */
  public static Versions fromGit(GitRepository git, String baseRev, Path template)
      throws PlanReadException, GitException {
    Template after = TemplateReader.read(template);
    String sha = resolve(git, baseRev);
    String relative = relativePath(git.root(), template);
    Path dir = Path.of(relative).getParent();
    TemplateReader.Source source = new GitTemplateSource(git, sha, baseRev,
        dir == null ? Path.of("") : dir);
    String beforeName = baseRev + ":" + relative;
    String text = source.read(beforeName);
    if (text == null) {
      return new Versions(Map.of("", Template.empty(beforeName)), Map.of("", after),
          List.of(relative + " does not exist in " + baseRev + ": every resource in it is new."));
    }
    return Versions.of(TemplateReader.parse(text, beforeName, source), after);
  }

  /**
   * Every stack of a cloud assembly and the same stacks of a base assembly (for example
   * {@code cdk synth} run on the base branch), the base read first.
   *
   * @throws PlanReadException when a manifest or template is missing or unreadable
   */
  public static Versions cdkOut(Path cdkOutDir, Path baseCdkOutDir) throws PlanReadException {
    Map<String, Template> before = TemplateCloudAssembly.stacks(baseCdkOutDir);
    return new Versions(before, TemplateCloudAssembly.stacks(cdkOutDir), List.of());
  }

  /**
   * A {@code cdk.out} in the working tree and the assembly committed at the same path in
   * {@code baseRev}, for projects that commit their synthesized templates. A base without that
   * assembly is an error, not "every stack is new": {@code cdk.out} is usually git-ignored, and a
   * diff against nothing would pass every destroy.
   *
   * @param name what to call the plan in the error that the base has no assembly
   * @throws PlanReadException when either assembly is missing or unreadable
   * @throws GitException when the revision is unknown or git fails
   */
  public static Versions cdkOutFromGit(GitRepository git, String baseRev, Path cdkOutDir,
      String name) throws PlanReadException, GitException {
    Map<String, Template> after = TemplateCloudAssembly.stacks(cdkOutDir);
    String sha = resolve(git, baseRev);
    String relative = relativePath(git.root(), cdkOutDir);
    String manifest = relative.isEmpty() ? "manifest.json" : relative + "/manifest.json";
    if (!git.exists(sha, manifest)) {
      throw new PlanReadException(name, baseRev + " has no " + manifest + ", so there is no base"
          + " assembly to diff against (cdk.out is usually not committed): give the base's"
          + " synthesized cdk.out as the base directory instead");
    }
    return new Versions(TemplateCloudAssembly.stacks(git, sha, baseRev, relative), after,
        List.of());
  }

  private static String resolve(GitRepository git, String baseRev) throws GitException {
    return git.resolve(baseRev).orElseThrow(
        () -> new GitException("unknown revision '" + baseRev + "' in " + git.root()));
  }

  private static String relativePath(Path root, Path file) throws PlanReadException {
    try {
      Path r = root.toRealPath();
      Path f = file.toAbsolutePath().toRealPath();
      if (!f.startsWith(r)) {
        throw new PlanReadException(file.toString(), "is not inside the git working tree " + r);
      }
      return r.relativize(f).toString().replace('\\', '/');
    } catch (IOException e) {
      throw new PlanReadException(file.toString(), "cannot read: " + e, e);
    }
  }
}
