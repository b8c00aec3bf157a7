package dev.plangate.core.attribution;

import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.git.GitException;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.model.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Terraform findings: the commits that changed the files of the module directories declaring
 * each resource ({@link Attributor}).
 */
final class TerraformAttribution implements AttributionStep {
  @Override
  public List<Finding> attribute(Commits commits, Plan plan, Path planFile,
      List<Finding> findings) throws GitException {
    String moduleDir = commits.moduleDir() != null ? commits.moduleDir()
        : moduleDirOf(commits.git().root(), planFile);
    Map<String, List<Attribution>> byKey = new Attributor(commits.git())
        .attribute(plan, moduleDir, findings, commits.range(), commits.bySha());
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      out.add(f.withAttribution(byKey.getOrDefault(f.key(), List.of())));
    }
    return out;
  }

  /** The plan file's directory relative to the repository root, or the root when outside. */
  static String moduleDirOf(Path root, Path planFile) {
    Path dir = planFile.toAbsolutePath().normalize().getParent();
    Path base = root.toAbsolutePath().normalize();
    try {
      dir = dir.toRealPath();
      base = base.toRealPath();
    } catch (IOException e) {
      // fall back to the lexical paths
    }
    if (dir == null || !dir.startsWith(base)) {
      return "";
    }
    return base.relativize(dir).toString().replace('\\', '/');
  }
}
