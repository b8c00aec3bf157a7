package dev.plangate.core.cloudformation;

import dev.plangate.core.io.InputFile;
import dev.plangate.core.plan.PlanJson;
import dev.plangate.core.plan.PlanReadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Reads CloudFormation templates, JSON or YAML, into {@link Template}s. Fails closed: a file that
 * is not UTF-8, not JSON or YAML, uses a tag that is not an intrinsic function, breaks a size
 * limit, or is not a template at all (no {@code Resources} mapping, a resource without a
 * {@code Type}) is rejected with a {@link PlanReadException} naming the file, the line and column
 * where known, and the reason. A nested stack whose {@code TemplateURL} is a local path is read
 * relative to its parent; a missing child file is an error, because a diff that cannot see a
 * child cannot see what the child deletes, and so is a child outside the directory of the
 * template given (through {@code ..}, an absolute path or a symbolic link), because a template
 * from the repository under review must not make the gate read other files of its machine.
 * Children used more than once are read once, and a read stops at {@link #MAX_TEMPLATES}
 * templates and {@link #MAX_TOTAL_CHARACTERS} characters.
 */
public final class TemplateReader {
  /** The resource type of a nested stack. */
  public static final String NESTED_STACK_TYPE = "AWS::CloudFormation::Stack";
  /** How deep nested stacks may go before plangate stops: CloudFormation has no such depth. */
  static final int MAX_NESTING = 10;
  /** The most bytes read from one file: what {@link TemplateYaml#MAX_CODE_POINTS} can take. */
  static final int MAX_FILE_BYTES = 4 * TemplateYaml.MAX_CODE_POINTS;
  /**
   * The most templates one read takes in, a template used by two nested stacks counted twice:
   * far more than real trees of nested stacks hold.
   */
  static final int MAX_TEMPLATES = 1000;
  /** The most characters one read takes in, each file counted once. */
  static final long MAX_TOTAL_CHARACTERS = 4L * TemplateYaml.MAX_CODE_POINTS;
  /** The most values (mappings, lists, scalars) the Fn::ForEach loops of a template may copy. */
  static final int MAX_EXPANDED_VALUES = 1_000_000;

  private static final String FOR_EACH = "Fn::ForEach::";
  private static final Pattern PLACEHOLDER = Pattern.compile("[$&]\\{([^}]*)}");

  private TemplateReader() {}

  /**
   * Where the text of a template, and of each nested child, comes from: the file system, or a
   * git revision. A source reads children only from inside the directory of the template it was
   * made for (the root template): a {@code TemplateURL} is written by whoever wrote the template,
   * and {@code ../../etc/passwd} or {@code /dev/zero} must not be read on the gate's machine.
   */
  interface Source {
    /**
     * The name of the child a parent's local {@code TemplateURL} points to, or null when that
     * is outside {@link #boundary()} (through {@code ..}, an absolute path or a symbolic link).
     */
    String resolve(String parentName, String templateUrl) throws PlanReadException;

    /** The child's text, or null when there is no such file. */
    String read(String name) throws PlanReadException;

    /** The directory children must stay inside, as messages name it. */
    String boundary();
  }

  /** Templates on disk below the directory of {@code root}; names are paths. */
  static Source files(Path root) {
    Path top = root.toAbsolutePath().normalize().getParent();
    return new Source() {
      @Override
      public String resolve(String parentName, String templateUrl) throws PlanReadException {
        Path child = childPath(Path.of(parentName), templateUrl);
        return top != null && inside(top, child) ? child.toString() : null;
      }

      @Override
      public String read(String name) throws PlanReadException {
        return readFile(Path.of(name), name);
      }

      @Override
      public String boundary() {
        return String.valueOf(top);
      }
    };
  }

  /**
   * True when {@code path} is {@code top} or below it, both as written and, when it exists, once
   * symbolic links are followed (a link in the tree may point out of it).
   */
  static boolean inside(Path top, Path path) throws PlanReadException {
    Path absolute = top.toAbsolutePath().normalize();
    if (!path.toAbsolutePath().normalize().startsWith(absolute)) {
      return false;
    }
    try {
      return !Files.exists(path) || path.toRealPath().startsWith(absolute.toRealPath());
    } catch (IOException e) {
      throw PlanJson.readFailure(path.toString(), e);
    }
  }

  /**
   * Where a local {@code TemplateURL} ({@code child.yaml}, {@code file://child.yaml}) points,
   * relative to the directory of its parent template; normalised, so {@code ..} steps are gone.
   */
  static Path childPath(Path parent, String templateUrl) {
    String local = templateUrl.regionMatches(true, 0, "file://", 0, 7)
        ? templateUrl.substring(7) : templateUrl;
    Path dir = parent.getParent();
    return (dir == null ? Path.of(local) : dir.resolve(local)).normalize();
  }

  /**
   * A template file's text; null when there is no such file. Only regular files are read, and
   * only up to {@link #MAX_FILE_BYTES}, so a path to a device or a huge file fails at once.
   */
  static String readFile(Path file, String name) throws PlanReadException {
    try {
      if (Files.notExists(file)) {
        return null;
      }
      // MAX_FILE_BYTES is far above CloudFormation's own template size limit.
      return decode(InputFile.readAllBytes(file, name, MAX_FILE_BYTES), name);
    } catch (IOException e) {
      throw PlanJson.readFailure(name, e);
    }
  }

  /**
   * What one read may take in all, so that nested stacks cannot multiply it: a tree of ten
   * templates that each include the next ten times is ten files but ten billion stacks.
   * Templates are counted each time they are used; characters once per file read.
   */
  static final class Budget {
    private int templates;
    private long characters;

    private void template(String name, int count) throws PlanReadException {
      templates += count;
      if (templates > MAX_TEMPLATES) {
        throw new PlanReadException(name, "the nested stacks hold more than " + MAX_TEMPLATES
            + " templates in all (a template used twice counts twice); plangate stops here"
            + " rather than analyse a tree that large");
      }
    }

    private void text(String name, String text) throws PlanReadException {
      characters += text.length();
      if (characters > MAX_TOTAL_CHARACTERS) {
        throw new PlanReadException(name, "the templates read together have more than "
            + MAX_TOTAL_CHARACTERS + " characters; plangate stops here rather than exhaust"
            + " its memory");
      }
    }
  }

  /**
   * Reads a template file and, recursively, the local child templates of its nested stacks.
   * Children are read only from the template's directory and below.
   *
   * @throws PlanReadException when the file or a child is missing, unreadable or not a template,
   *     or a child's path leaves the template's directory
   */
  public static Template read(Path file) throws PlanReadException {
    return read(file, new Budget());
  }

  /** {@link #read(Path)} within a budget shared with other reads (the stacks of a cdk.out). */
  static Template read(Path file, Budget budget) throws PlanReadException {
    String name = file.toString();
    String text = readFile(file, name);
    if (text == null) {
      throw new PlanReadException(name, "no such file");
    }
    return parse(text, name, files(file), budget);
  }

  /**
   * Parses template text. Nested stacks' local templates are not read (there is no directory to
   * read them from); use {@link #read(Path)} for that.
   *
   * @param name what to call the text in messages and locations, usually its path
   */
  public static Template parse(String text, String name) throws PlanReadException {
    return parse(text, name, null, new Budget());
  }

  /** Parses template text, reading nested children from {@code source} when it is not null. */
  static Template parse(String text, String name, Source source) throws PlanReadException {
    return parse(text, name, source, new Budget());
  }

  static Template parse(String text, String name, Source source, Budget budget)
      throws PlanReadException {
    budget.template(name, 1);
    budget.text(name, text);
    return parse(text, name, new Tree(source, budget, new ArrayList<>(), new HashMap<>()));
  }

  /**
   * One template read with its nested children.
   *
   * @param chain the parents of the template being read, root first: a child among them is a
   *     cycle
   * @param done children read so far, by name, so that a template used twice is read and parsed
   *     once
   */
  private record Tree(Source source, Budget budget, List<String> chain, Map<String, Read> done) {}

  /** A child template and how many templates it holds, itself included. */
  private record Read(Template template, int templates) {}

  /** Strict UTF-8 (a leading byte-order mark is dropped); anything else is rejected. */
  static String decode(byte[] bytes, String name) throws PlanReadException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // UTF-8 never decodes to more chars than it has bytes.
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(in, out, true);
    if (result.isError()) {
      int bad = Math.min(in.position(), bytes.length - 1);
      long line = 1 + IntStream.range(0, bad).filter(i -> bytes[i] == '\n').count();
      throw new PlanReadException(name, String.format("line %d: byte 0x%02X is not UTF-8; a"
          + " template must be UTF-8 text", line, bytes[bad] & 0xff));
    }
    String text = out.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static Template parse(String text, String name, Tree tree) throws PlanReadException {
    boolean json = text.chars().filter(c -> !Character.isWhitespace(c)).findFirst()
        .orElse(0) == '{';
    TemplateYaml.Parsed parsed = json ? TemplateJson.parse(text, name)
        : TemplateYaml.parse(text, name);
    if (!(parsed.value() instanceof Map<?, ?>)) {
      throw new PlanReadException(name, "not a CloudFormation template: the document is not a"
          + " mapping with a Resources section");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> root = (Map<String, Object>) freeze(parsed.value(), name, "the template");
    if (!(root.get("Resources") instanceof Map<?, ?>)) {
      throw new PlanReadException(name, "not a CloudFormation template: there is no Resources"
          + " mapping at the top level"
          + (root.containsKey("Resources") ? " (Resources is not a mapping)" : ""));
    }
    List<String> warnings = new ArrayList<>();
    if (parsed.usesAliases()) {
      warnings.add(name + " uses YAML anchors and aliases, which CloudFormation rejects; they"
          + " were expanded as YAML defines them (as `aws cloudformation package` does).");
    }
    List<String> transforms = transforms(root.get("Transform"));
    for (String t : transforms) {
      if (t.startsWith("AWS::Serverless")) {
        warnings.add(name + " uses the " + t + " transform: the resources CloudFormation"
            + " generates from AWS::Serverless::* are not visible before the transform, so they"
            + " are judged by their AWS::Serverless::* declarations.");
      } else if (!t.equals("AWS::LanguageExtensions")) {
        warnings.add(name + " uses the macro " + t + ", which may add or change resources"
            + " that plangate cannot see.");
      }
    }
    Map<String, Object> parameters = section(root, "Parameters", name);
    Map<String, Object> rawResources = section(root, "Resources", name);
    Map<String, String> origins = new LinkedHashMap<>();
    ForEach forEach = new ForEach(parameters, name, warnings);
    Map<String, Object> expanded = forEach.expand(rawResources, "Resources", origins);
    Map<String, TemplateResource> resources = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : expanded.entrySet()) {
      String id = e.getKey();
      Integer line = parsed.resourceLines().get(origins.getOrDefault(id, id));
      String location = line == null ? name : name + ":" + line;
      if (!(e.getValue() instanceof Map<?, ?> entry)) {
        throw new PlanReadException(name, line == null ? 0 : line, 0, "resource " + id
            + " is not a mapping with a Type", null);
      }
      if (!(entry.get("Type") instanceof String type) || type.isBlank()) {
        throw new PlanReadException(name, line == null ? 0 : line, 0, "resource " + id
            + " has no Type", null);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> definition = (Map<String, Object>) entry;
      resources.put(id, new TemplateResource(id, type, definition, location));
    }
    Map<String, Object> outputs = forEach.expand(section(root, "Outputs", name), "Outputs",
        new LinkedHashMap<>());
    Object version = root.get("AWSTemplateFormatVersion");
    Map<String, Template> nested = new LinkedHashMap<>();
    for (TemplateResource r : resources.values()) {
      if (!r.isNestedStack()) {
        continue;
      }
      String u = localTemplate(r);
      if (tree.source() == null || u == null) {
        warnings.add("The nested stack " + r.logicalId() + " in " + name + (u == null
            ? " has a template that is not a local file"
            : " names a local template, but the text was read without its directory")
            + ", so the resources inside it are not seen.");
        continue;
      }
      nested.put(r.logicalId(), child(name, r, u, tree));
    }
    return new Template(name, version == null ? null : TemplateValues.scalarText(version),
        transforms, parameters, section(root, "Conditions", name), resources, outputs, nested,
        warnings);
  }

  private static Template child(String parentName, TemplateResource stack, String url,
      Tree tree) throws PlanReadException {
    String childName = tree.source().resolve(parentName, url);
    if (childName == null) {
      throw new PlanReadException(parentName, "nested stack " + stack.logicalId() + " ("
          + stack.location() + ") has TemplateURL " + url + ", which points outside "
          + tree.source().boundary() + ", the directory of the template plangate was given;"
          + " nested templates are read only from there");
    }
    String where = parentName + ": nested stack " + stack.logicalId() + " (" + stack.location()
        + ")";
    List<String> chain = tree.chain();
    if (chain.contains(childName) || childName.equals(parentName)) {
      throw new PlanReadException(parentName, "nested stack " + stack.logicalId()
          + " includes " + childName + ", which includes it again (a cycle)");
    }
    if (chain.size() >= MAX_NESTING) {
      throw new PlanReadException(parentName, "nested stacks go deeper than " + MAX_NESTING
          + " levels at " + stack.logicalId());
    }
    Read done = tree.done().get(childName);
    if (done != null) {
      tree.budget().template(childName, done.templates());
      return done.template();
    }
    String text = tree.source().read(childName);
    if (text == null) {
      throw new PlanReadException(parentName, "nested stack " + stack.logicalId()
          + " has TemplateURL " + url + ", but " + childName + " does not exist; without it"
          + " plangate cannot see what the child stack changes (" + where + ")");
    }
    int before = tree.budget().templates;
    tree.budget().template(childName, 1);
    tree.budget().text(childName, text);
    chain.add(parentName);
    Template child;
    try {
      child = parse(text, childName, tree);
    } finally {
      chain.remove(chain.size() - 1);
    }
    tree.done().put(childName, new Read(child, tree.budget().templates - before));
    return child;
  }

  /**
   * The local file a nested stack's template is in: its {@code TemplateURL} when that is a local
   * path, or the file the AWS CDK names in the resource's {@code aws:asset:path} metadata (in
   * {@code cdk.out}, beside the parent); null when the template is elsewhere.
   */
  private static String localTemplate(TemplateResource stack) {
    if (stack.properties().get("TemplateURL") instanceof String u && isLocal(u)) {
      return u;
    }
    if (stack.definition().get("Metadata") instanceof Map<?, ?> m
        && "TemplateURL".equals(m.get("aws:asset:property"))
        && m.get("aws:asset:path") instanceof String path && isLocal(path)) {
      return path;
    }
    return null;
  }

  /** A TemplateURL naming a file beside the template rather than an S3 or HTTPS object. */
  static boolean isLocal(String url) {
    if (url.isBlank()) {
      return false;
    }
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("file://") || !(lower.contains("://") || lower.startsWith("s3:"));
  }

  private static List<String> transforms(Object transform) {
    List<String> out = new ArrayList<>();
    if (transform instanceof String s) {
      out.add(s);
    } else if (transform instanceof List<?> l) {
      for (Object o : l) {
        out.addAll(transforms(o));
      }
    } else if (transform instanceof Map<?, ?> m && m.get("Name") instanceof String s) {
      out.add(s);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> root, String key, String name)
      throws PlanReadException {
    Object s = root.get(key);
    if (s == null) {
      return Map.of();
    }
    if (!(s instanceof Map<?, ?>)) {
      throw new PlanReadException(name, "the " + key + " section is not a mapping");
    }
    return (Map<String, Object>) s;
  }

  /**
   * Copies the parsed document into unmodifiable maps and lists with text keys, and writes
   * {@code Fn::GetAtt: "A.B"} as {@code ["A", "B"]} so both spellings compare equal.
   */
  static Object freeze(Object value, String name, String where) throws PlanReadException {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object k = e.getKey();
        if (k == null || k instanceof Map || k instanceof List) {
          throw new PlanReadException(name, "a mapping key in " + where + " is "
              + (k == null ? "empty" : "a list or mapping") + "; template keys are text");
        }
        String key = TemplateValues.scalarText(k);
        String inner = where.equals("the template") ? "the " + key + " section" : where;
        out.put(key, freeze(e.getValue(), name, inner));
      }
      if (out.size() == 1 && out.get("Fn::GetAtt") instanceof String s && s.indexOf('.') > 0) {
        int dot = s.indexOf('.');
        out.put("Fn::GetAtt", List.of(s.substring(0, dot), s.substring(dot + 1)));
      }
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(freeze(o, name, where));
      }
      return Collections.unmodifiableList(out);
    }
    return value;
  }

  // ------------------------------------------------------------------------ Fn::ForEach

  /**
   * Expands {@code Fn::ForEach::Name: [Identifier, [values...], {fragment}]} entries
   * (AWS::LanguageExtensions) of one template when the collection is a literal list or a
   * parameter with a default. One that cannot be expanded is kept as one opaque entry of an
   * unknown type, so that any change to it is reported as a possible replacement rather than
   * missed. Loops inside loops multiply, so the values copied are counted and stop at
   * {@link #MAX_EXPANDED_VALUES}.
   */
  private static final class ForEach {
    private final Map<String, Object> parameters;
    private final String name;
    private final List<String> warnings;
    private long copied;

    ForEach(Map<String, Object> parameters, String name, List<String> warnings) {
      this.parameters = parameters;
      this.name = name;
      this.warnings = warnings;
    }

    /**
     * The section with its loops expanded.
     *
     * @param origins filled with the loop each generated key came from
     */
    Map<String, Object> expand(Map<String, Object> section, String sectionName,
        Map<String, String> origins) throws PlanReadException {
      boolean any = section.keySet().stream().anyMatch(k -> k.startsWith(FOR_EACH));
      if (!any) {
        return section;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : section.entrySet()) {
        if (!e.getKey().startsWith(FOR_EACH)) {
          putUnique(out, e.getKey(), e.getValue(), sectionName);
          continue;
        }
        List<Map<String, Object>> copies = loop(e.getValue());
        if (copies == null) {
          warnings.add(name + ": " + sectionName + "." + e.getKey() + " cannot be expanded (its"
              + " collection is not a literal list or a parameter default), so the resources it"
              + " generates are not seen one by one.");
          if (sectionName.equals("Resources")) {
            Map<String, Object> opaque = new LinkedHashMap<>();
            opaque.put("Type", "AWS::LanguageExtensions::ForEach");
            opaque.put("Properties", Map.of("Loop", e.getValue()));
            putUnique(out, e.getKey(), Collections.unmodifiableMap(opaque), sectionName);
          }
          continue;
        }
        for (Map<String, Object> copy : copies) {
          // a loop inside the fragment expands once per value of this one
          for (Map.Entry<String, Object> g : expand(copy, sectionName, new LinkedHashMap<>())
              .entrySet()) {
            putUnique(out, g.getKey(), g.getValue(), sectionName);
            origins.put(g.getKey(), e.getKey());
          }
        }
      }
      return out;
    }

    private void putUnique(Map<String, Object> out, String key, Object value,
        String sectionName) throws PlanReadException {
      if (out.putIfAbsent(key, value) != null) {
        throw new PlanReadException(name, sectionName + "." + key + " is defined twice (once"
            + " through Fn::ForEach)");
      }
    }

    /** The fragment, once per value of the loop, or null when the collection is not known. */
    private List<Map<String, Object>> loop(Object loop) throws PlanReadException {
      if (!(loop instanceof List<?> parts) || parts.size() != 3
          || !(parts.get(0) instanceof String identifier)
          || !(parts.get(2) instanceof Map<?, ?> fragment)) {
        return null;
      }
      List<String> values = collection(parts.get(1), parameters);
      if (values == null) {
        return null;
      }
      List<Map<String, Object>> out = new ArrayList<>();
      for (String v : values) {
        out.add(replaceInEntries(fragment, identifier, v));
      }
      return out;
    }

    /** The entries with the identifier replaced in their keys (but loop names) and values. */
    private Map<String, Object> replaceInEntries(Map<?, ?> m, String identifier, String v)
        throws PlanReadException {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = String.valueOf(e.getKey());
        out.put(k.startsWith(FOR_EACH) ? k : substitute(k, identifier, v),
            replaceIdentifier(e.getValue(), identifier, v));
      }
      return out;
    }

    /**
     * The fragment with the loop identifier replaced: {@code {"Ref": Id}} by the value, and
     * {@code ${Id}} inside {@code Fn::Sub} texts and keys. A {@code Fn::Sub} left with no
     * placeholder at all becomes its text, so {@code !GetAtt [!Sub "Bucket${Id}", Arn]} names
     * the bucket plainly.
     */
    private Object replaceIdentifier(Object value, String identifier, String v)
        throws PlanReadException {
      if (++copied > MAX_EXPANDED_VALUES) {
        throw new PlanReadException(name, "Fn::ForEach loops expand to more than "
            + MAX_EXPANDED_VALUES + " values (mappings, lists and scalars); plangate stops here"
            + " rather than exhaust its memory");
      }
      if (value instanceof Map<?, ?> m) {
        if (m.size() == 1 && identifier.equals(m.get("Ref"))) {
          return v;
        }
        if (m.size() == 1 && m.containsKey("Fn::Sub")) {
          Object arg = m.get("Fn::Sub");
          Object replaced = arg instanceof String s ? substitute(s, identifier, v)
              : replaceIdentifier(arg, identifier, v);
          if (replaced instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String s) {
            List<Object> copy = new ArrayList<>(l);
            copy.set(0, substitute(s, identifier, v));
            replaced = Collections.unmodifiableList(copy);
          }
          if (replaced instanceof String s && !s.contains("${")) {
            return s;
          }
          return Map.of("Fn::Sub", replaced);
        }
        return Collections.unmodifiableMap(replaceInEntries(m, identifier, v));
      }
      if (value instanceof List<?> l) {
        List<Object> out = new ArrayList<>(l.size());
        for (Object o : l) {
          out.add(replaceIdentifier(o, identifier, v));
        }
        return Collections.unmodifiableList(out);
      }
      return value;
    }
  }

  private static List<String> collection(Object c, Map<String, Object> parameters) {
    if (c instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object o : l) {
        if (o instanceof Map || o instanceof List || o == null) {
          return null;
        }
        out.add(TemplateValues.scalarText(o));
      }
      return out;
    }
    if (c instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String p
        && parameters.get(p) instanceof Map<?, ?> param) {
      Object d = param.get("Default");
      if (d instanceof String s) {
        return List.of(s.split(",", -1)).stream().map(String::strip).toList();
      }
      if (d instanceof List<?>) {
        return collection(d, Map.of());
      }
    }
    return null;
  }

  /** {@code ${Id}} becomes the value; {@code &{Id}} the value with only letters and digits. */
  private static String substitute(String text, String identifier, String value) {
    return PLACEHOLDER.matcher(text).replaceAll(m -> {
      String replacement = m.group(0);
      if (m.group(1).strip().equals(identifier)) {
        replacement = m.group(0).charAt(0) == '&' ? value.replaceAll("[^A-Za-z0-9]", "") : value;
      }
      return Matcher.quoteReplacement(replacement);
    });
  }
}
