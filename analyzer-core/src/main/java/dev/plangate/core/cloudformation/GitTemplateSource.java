package dev.plangate.core.cloudformation;

import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.plan.PlanReadException;
import java.nio.file.Path;

/**
 * Reads templates (and a cloud assembly's manifests) from one git revision, without touching the
 * working tree. Names are {@code LABEL:path}; children are read only from {@code dir} (relative to
 * the top of the repository) and below.
 */
record GitTemplateSource(GitRepository git, String sha, String label, Path dir)
    implements TemplateReader.Source {
  @Override
  public String resolve(String parentName, String templateUrl) {
    Path child = TemplateReader.childPath(Path.of(path(parentName)), templateUrl);
    boolean inside = dir.toString().isEmpty() ? !child.startsWith("..")
        : child.startsWith(dir);
    if (child.isAbsolute() || !inside) {
      return null;
    }
    return name(child);
  }

  @Override
  public String read(String name) throws PlanReadException {
    String path = path(name);
    try {
      if (!git.exists(sha, path)) {
        return null;
      }
      // Asked before reading: a huge blob must not be loaded just to be refused.
      if (git.size(sha, path) > TemplateReader.MAX_FILE_BYTES) {
        throw new PlanReadException(name, "the file has more than "
            + TemplateReader.MAX_FILE_BYTES + " bytes, far above CloudFormation's own template"
            + " size limit");
      }
      return TemplateReader.decode(git.showBytes(sha, path), name);
    } catch (GitException e) {
      throw new PlanReadException(name, "cannot read it from git: " + e.getMessage(), e);
    }
  }

  @Override
  public String boundary() {
    return label + ":" + (dir.toString().isEmpty() ? "." : dir.toString().replace('\\', '/'));
  }

  /** How messages name the file at {@code path} (relative to the top of the repository). */
  String name(Path path) {
    return label + ":" + path.toString().replace('\\', '/');
  }

  private String path(String name) {
    return name.substring(label.length() + 1);
  }
}
