package dev.plangate.core.policy;

import dev.plangate.core.io.InputFile;
import dev.plangate.core.io.InputFileException;
import dev.plangate.core.policy.SafeYaml.YamlProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code .plangate.yml}. The file comes from the repository being checked, which an AI
 * agent may have edited, so reading fails closed: any problem rejects the whole file with a
 * {@link PolicyException} that lists every problem as {@code FILE:LINE:COL: message}, and
 * nothing in the file can make plangate construct a Java object, run out of memory or recurse
 * without bound.
 *
 * <p>Checks run in three layers: YAML syntax and safety limits; the JSON Schema shipped at
 * {@value #SCHEMA_RESOURCE} (the same file editors use for completion); then what a schema
 * cannot say (globs and regular expressions compile, dates exist).
 */
public final class PolicyLoader {
  /** The policy file's name at the repository root. */
  public static final String FILE_NAME = ".plangate.yml";
  /** The other spelling, accepted when it is the only one present. */
  public static final String ALTERNATE_FILE_NAME = ".plangate.yaml";
  /** The JSON Schema of the file, on the classpath, for editors and for tools that print it. */
  public static final String SCHEMA_RESOURCE =
      "/dev/plangate/core/policy/" + PolicySchema.RESOURCE;
  /** The most characters a policy file may have (1 MiB). */
  public static final int MAX_CHARACTERS = SafeYaml.MAX_CODE_POINTS;

  private PolicyLoader() {}

  /**
   * Reads a policy file; problems are reported with the path as given.
   *
   * @throws PolicyException if the file is missing, unreadable or invalid
   */
  public static Policy load(Path file) throws PolicyException {
    return load(file, file.toString());
  }

  /**
   * Parses policy text.
   *
   * @param name what to call the text in messages, usually its path
   * @throws PolicyException listing every problem, each with line and column
   */
  public static Policy parse(String yaml, String name) throws PolicyException {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(name, "name");
    Node document;
    try {
      document = SafeYaml.compose(yaml);
    } catch (YamlProblem e) {
      throw invalid(name, List.of(e.problem()));
    }
    if (document == null || YamlValues.NULL.equals(YamlValues.jsonType(document))) {
      return Policy.defaults(name);
    }
    List<Problem> problems = new ArrayList<>(PolicySchema.builtin().validate(document));
    Policy policy = null;
    if (document instanceof MappingNode mapping
        && YamlValues.OBJECT.equals(YamlValues.jsonType(mapping))) {
      PolicyReader.Result read = PolicyReader.read(mapping, name);
      problems.addAll(read.problems());
      policy = read.policy();
    }
    if (policy == null && problems.isEmpty()) {
      // The schema requires a mapping at the top, so this is unreachable; fail closed anyway.
      problems.add(Problem.at(document, "the policy file must be a mapping"));
    }
    if (!problems.isEmpty()) {
      throw invalid(name, problems);
    }
    return policy;
  }

  /**
   * Finds the policy for a repository: the explicit file if one is given (it must exist),
   * otherwise {@code .plangate.yml} or {@code .plangate.yaml} at the root (not both), otherwise
   * the defaults. Files at the root are named relative to it in messages, as CI annotations
   * expect.
   *
   * @param explicit a file named on the command line (relative to the working directory, as
   *     given), or null
   * @throws PolicyException if the explicit file is missing, both root files exist, or the file
   *     found is invalid
   */
  public static Policy find(Path repoRoot, Path explicit) throws PolicyException {
    if (explicit != null) {
      if (!Files.exists(explicit, LinkOption.NOFOLLOW_LINKS)) {
        throw new PolicyException("policy file " + explicit + " does not exist");
      }
      return load(explicit);
    }
    Objects.requireNonNull(repoRoot, "repoRoot");
    Path yml = repoRoot.resolve(FILE_NAME);
    Path yaml = repoRoot.resolve(ALTERNATE_FILE_NAME);
    // NOFOLLOW_LINKS: a dangling symlink is a file that cannot be read, not a missing policy.
    boolean hasYml = Files.exists(yml, LinkOption.NOFOLLOW_LINKS);
    boolean hasYaml = Files.exists(yaml, LinkOption.NOFOLLOW_LINKS);
    if (hasYml && hasYaml) {
      throw new PolicyException("both " + FILE_NAME + " and " + ALTERNATE_FILE_NAME + " exist in "
          + repoRoot + "; plangate will not guess which one applies, so delete one");
    }
    if (hasYml) {
      return load(yml, FILE_NAME);
    }
    if (hasYaml) {
      return load(yaml, ALTERNATE_FILE_NAME);
    }
    return Policy.defaults();
  }

  static Policy load(Path file, String name) throws PolicyException {
    if (!Files.exists(file)) {
      throw new PolicyException("policy file " + name + " does not exist"
          + (Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? " (a symbolic link to nothing)"
              : ""));
    }
    byte[] bytes;
    try {
      // A code point is at most 4 bytes: anything larger is over the limit without reading it.
      bytes = InputFile.readAllBytes(file, name, 4L * MAX_CHARACTERS);
    } catch (InputFileException e) {
      throw new PolicyException("policy file " + e.getMessage(), e);
    }
    return parse(decode(bytes, name), name);
  }

  /** Strict UTF-8: a file that is not UTF-8 is rejected at the first bad byte, not guessed. */
  private static String decode(byte[] bytes, String name) throws PolicyException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int bad = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      String before = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8);
      int column = before.codePointCount(0, before.length()) + 1;
      throw invalid(name, List.of(new Problem(line, column,
          String.format("byte 0x%02X is not UTF-8; a policy file must be UTF-8 text",
              bytes[bad] & 0xff))));
    }
    try {
      decoder.flush(out);
    } catch (IllegalStateException e) {
      throw new PolicyException("cannot decode policy file " + name + " as UTF-8", e);
    }
    out.flip();
    return out.toString();
  }

  private static PolicyException invalid(String name, List<Problem> problems) {
    List<Problem> sorted = problems.stream().distinct().sorted().collect(Collectors.toList());
    int n = sorted.size();
    String summary = name + " is not a valid plangate policy (" + n
        + (n == 1 ? " error" : " errors") + "):";
    return new PolicyException(summary + "\n" + sorted.stream().map(p -> p.format(name))
        .collect(Collectors.joining("\n")));
  }
}
