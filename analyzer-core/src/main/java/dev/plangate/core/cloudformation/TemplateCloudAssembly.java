package dev.plangate.core.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.git.GitRepository;
import dev.plangate.core.io.StrictJson;
import dev.plangate.core.plan.PlanJson;
import dev.plangate.core.plan.PlanReadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the stacks of an AWS CDK cloud assembly ({@code cdk.out}): its {@code manifest.json}
 * lists artifacts, and each {@code aws:cloudformation:stack} artifact names its template file.
 * Stages ({@code cdk:cloud-assembly} artifacts) are nested assemblies in their own directories
 * and are read too.
 *
 * <p>The manifest is read strictly (a duplicate key or trailing content is an error, not a guess),
 * and every file and directory it names must be inside the assembly directory: a manifest that
 * sends the gate to {@code ../../etc/passwd}, an absolute path or through a symbolic link out of
 * the tree is refused. All the stacks' templates are read within one {@link TemplateReader.Budget}.
 */
final class TemplateCloudAssembly {
  private static final int MAX_STAGE_DEPTH = 10;
  private static final ObjectMapper MAPPER = StrictJson.mapper(TemplateJson.FACTORY);

  private TemplateCloudAssembly() {}

  /** Every stack's template, by stack name, in manifest order. */
  static Map<String, Template> stacks(Path dir) throws PlanReadException {
    return stacks(new DiskStore(dir));
  }

  /**
   * The same for the assembly committed at {@code dir} (relative to the top of the repository)
   * in commit {@code sha}; {@code label} is how messages name the revision.
   */
  static Map<String, Template> stacks(GitRepository git, String sha, String label, String dir)
      throws PlanReadException {
    return stacks(new GitStore(new GitTemplateSource(git, sha, label, Path.of(dir))));
  }

  private static Map<String, Template> stacks(Store store) throws PlanReadException {
    Map<String, Template> out = new LinkedHashMap<>();
    read(store, Path.of(""), out, 0, new TemplateReader.Budget());
    return out;
  }

  /**
   * Where an assembly's files come from. Paths are relative to the assembly's top directory and
   * already normalised; {@link #contains} is the last word on whether one may be read.
   */
  private interface Store {
    /** How messages name a file or directory of the assembly. */
    String name(Path relative);

    /** Whether the path stays inside the assembly once links are followed. */
    boolean contains(Path relative) throws PlanReadException;

    /** The file's text, or null when there is no such file. */
    String text(Path relative) throws PlanReadException;

    Template template(Path relative, TemplateReader.Budget budget) throws PlanReadException;
  }

  /** An assembly on disk ({@code cdk.out} after {@code cdk synth}). */
  private record DiskStore(Path top) implements Store {
    @Override
    public String name(Path relative) {
      return top.resolve(relative).toString();
    }

    @Override
    public boolean contains(Path relative) throws PlanReadException {
      return TemplateReader.inside(top, top.resolve(relative));
    }

    @Override
    public String text(Path relative) throws PlanReadException {
      Path file = top.resolve(relative);
      return Files.isRegularFile(file) ? TemplateReader.readFile(file, file.toString()) : null;
    }

    @Override
    public Template template(Path relative, TemplateReader.Budget budget)
        throws PlanReadException {
      return TemplateReader.read(top.resolve(relative), budget);
    }
  }

  /** An assembly as committed in one revision: nothing on disk is read, no link is followed. */
  private record GitStore(GitTemplateSource source) implements Store {
    @Override
    public String name(Path relative) {
      return source.name(source.dir().resolve(relative));
    }

    @Override
    public boolean contains(Path relative) {
      return true;
    }

    @Override
    public String text(Path relative) throws PlanReadException {
      return source.read(name(relative));
    }

    @Override
    public Template template(Path relative, TemplateReader.Budget budget)
        throws PlanReadException {
      String name = name(relative);
      String text = source.read(name);
      if (text == null) {
        throw new PlanReadException(name, "no such file");
      }
      Path dir = source.dir().resolve(relative).getParent();
      return TemplateReader.parse(text, name, new GitTemplateSource(source.git(), source.sha(),
          source.label(), dir == null ? Path.of("") : dir), budget);
    }
  }

  private static void read(Store store, Path dir, Map<String, Template> out, int depth,
      TemplateReader.Budget budget) throws PlanReadException {
    Path manifest = dir.resolve("manifest.json");
    String name = store.name(manifest);
    String text = store.text(manifest);
    if (text == null) {
      throw new PlanReadException(name, "no such file: " + store.name(dir) + " is not a CDK"
          + " cloud assembly (cdk.out) directory");
    }
    if (depth > MAX_STAGE_DEPTH) {
      throw new PlanReadException(name, "stages are nested more than " + MAX_STAGE_DEPTH
          + " levels deep");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (IOException e) {
      throw PlanJson.readFailure(name, e);
    }
    JsonNode artifacts = root == null ? null : root.get("artifacts");
    if (artifacts == null || !artifacts.isObject()) {
      throw new PlanReadException(name, "not a cloud assembly manifest: no artifacts mapping");
    }
    for (Map.Entry<String, JsonNode> a : artifacts.properties()) {
      String artifact = "artifacts." + a.getKey();
      if (!a.getValue().isObject()) {
        throw new PlanReadException(name, artifact + ": expected an object, found "
            + JsonAt.describe(a.getValue()));
      }
      String type = text(a.getValue(), "type", artifact, name);
      JsonNode properties = a.getValue().path("properties");
      if ("aws:cloudformation:stack".equals(type)) {
        String file = text(properties, "templateFile", artifact + ".properties", name);
        if (file == null || file.isEmpty()) {
          throw new PlanReadException(name, "stack artifact " + a.getKey()
              + " names no templateFile");
        }
        String stackName = text(properties, "stackName", artifact + ".properties", name);
        stackName = stackName == null ? a.getKey() : stackName;
        Path template = within(store, dir, file, "stack artifact " + a.getKey() + " has"
            + " templateFile", name);
        Template t = store.template(template, budget);
        if (out.putIfAbsent(stackName, t) != null) {
          throw new PlanReadException(name, "two stacks are named " + stackName);
        }
      } else if ("cdk:cloud-assembly".equals(type)) {
        String sub = text(properties, "directoryName", artifact + ".properties", name);
        if (sub != null && !sub.isEmpty()) {
          read(store, within(store, dir, sub, "stage artifact " + a.getKey() + " has"
              + " directoryName", name), out, depth + 1, budget);
        }
      }
    }
  }

  /** A member that must be a string when present; null when absent. */
  private static String text(JsonNode object, String field, String path, String name)
      throws PlanReadException {
    JsonNode v = object.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new PlanReadException(name, path + "." + field + ": expected a string, found "
          + JsonAt.describe(v));
    }
    return v.textValue();
  }

  /** {@code relative} under {@code dir}, which must stay inside the assembly's top directory. */
  private static Path within(Store store, Path dir, String relative, String what, String name)
      throws PlanReadException {
    Path p = Path.of(relative).isAbsolute() ? Path.of(relative)
        : dir.resolve(relative).normalize();
    if (p.isAbsolute() || p.startsWith("..") || !store.contains(p)) {
      throw new PlanReadException(name, what + " " + relative + ", which points outside the"
          + " cloud assembly directory " + store.name(Path.of("")) + "; plangate reads only"
          + " the files inside it");
    }
    return p;
  }
}
