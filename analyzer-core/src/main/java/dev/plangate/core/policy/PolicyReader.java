package dev.plangate.core.policy;

import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.SignalRule;
import dev.plangate.core.impact.FindingAction;
import java.math.BigDecimal;
import java.nio.file.FileSystems;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a policy node tree into a {@link Policy} and checks what JSON Schema cannot say: that
 * globs, plan globs and regular expressions compile, that dates exist, that {@code value} goes
 * with {@code trailer} or {@code env}, and that required texts are not blank.
 *
 * <p>It runs even when schema validation found problems, so that one run reports everything;
 * it therefore reads defensively, skipping any value of the wrong shape (the schema has already
 * reported it). Its policy is only used when neither found a problem.
 */
final class PolicyReader {
  /** The actions approval and protect rules cover unless they list others. */
  private static final Set<FindingAction> DESTROYS =
      EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE);
  private static final Pattern DATE_SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  /**
   * The most {@code **} a plan glob may have. The JDK matches a glob as a backtracking regular
   * expression against every file in the repository, and each {@code **} multiplies the time:
   * on a 400-character path two take 0.25 ms a file, three 65 ms, four 3.8 s.
   */
  static final int MAX_PLAN_GLOB_DOUBLE_STARS = 2;
  private static final List<String> SIGNAL_MATCHERS =
      List.of("trailer", "email", "name", "message", "branchPrefix", "env");

  private final List<Problem> problems = new ArrayList<>();

  /** The policy read from a document, and the problems only reading could find. */
  record Result(Policy policy, List<Problem> problems) {
    Result {
      problems = List.copyOf(problems);
    }
  }

  private PolicyReader() {}

  static Result read(MappingNode document, String source) {
    PolicyReader reader = new PolicyReader();
    Policy policy = reader.policy(document, source);
    return new Result(policy, reader.problems);
  }

  private Policy policy(MappingNode document, String source) {
    Map<String, NodeTuple> top = YamlMaps.entries(document);
    MappingNode approval = mapping(value(top, "approval"));
    Map<String, NodeTuple> a = approval == null ? Map.of() : YamlMaps.entries(approval);
    int approvers = count(value(a, "approvers"), 1);
    Integer criticalApprovers = count(value(a, "criticalApprovers"), null);
    HumanOnly humanOnly = byId(HumanOnly.values(), HumanOnly::id,
        string(value(top, "humanOnly")), HumanOnly.WARN);
    // Only the exact word "human" turns fail-closed counting off.
    boolean unknownIsAi = !"human".equals(string(value(top, "unknownAuthorship")));

    List<String> plans = new ArrayList<>();
    SequenceNode planList = sequence(value(top, "plans"));
    for (int i = 0; planList != null && i < planList.getValue().size(); i++) {
      Node item = planList.getValue().get(i);
      String glob = string(item);
      if (glob != null && checkPlanGlob(glob, item, "plans[" + i + "]")) {
        plans.add(glob);
      }
    }
    String planCommand = text(top, "planCommand", "planCommand");
    String auditLog = text(top, "auditLog", "auditLog");

    return new Policy(source, actions(value(a, "actions"), DESTROYS),
        orDefault(string(value(a, "label")), Policy.DEFAULT_LABEL), humanOnly, unknownIsAi,
        items(top, "protect", this::protectRule), items(top, "waivers", this::waiver),
        items(top, "signals", this::signal), items(top, "criticality", this::override), plans,
        planCommand, approvers, criticalApprovers == null ? approvers : criticalApprovers,
        auditLog, null);
  }

  private ProtectRule protectRule(MappingNode item, String path) {
    Map<String, NodeTuple> e = YamlMaps.entries(item);
    AddressGlob type = glob(e, "type", path);
    AddressGlob address = glob(e, "address", path);
    String reason = text(e, "reason", path + ".reason");
    if (type == null && address == null) {
      return null;
    }
    return new ProtectRule(type, address, actions(value(e, "actions"), DESTROYS), reason,
        line(item));
  }

  private Waiver waiver(MappingNode item, String path) {
    Map<String, NodeTuple> e = YamlMaps.entries(item);
    AddressGlob address = glob(e, "address", path);
    String reason = text(e, "reason", path + ".reason");
    LocalDate expires = date(value(e, "expires"), path + ".expires");
    if (address == null || reason == null || expires == null) {
      return null;
    }
    return new Waiver(address, actions(value(e, "actions"), EnumSet.allOf(FindingAction.class)),
        reason, expires, line(item));
  }

  private SignalRule signal(MappingNode item, String path) {
    Map<String, NodeTuple> e = YamlMaps.entries(item);
    String agent = text(e, "agent", path + ".agent");
    Confidence confidence = byId(Confidence.values(), Confidence::id,
        string(value(e, "confidence")), Confidence.MEDIUM);
    List<String> matchers = SIGNAL_MATCHERS.stream().filter(e::containsKey).toList();
    NodeTuple valueEntry = e.get("value");
    if (valueEntry != null && !matchers.isEmpty() && !matchers.contains("trailer")
        && !matchers.contains("env")) {
      problems.add(Problem.at(valueEntry.getKeyNode(), YamlValues.quote(path + ".value")
          + " only goes with \"trailer\" or \"env\", not with "
          + YamlValues.quote(matchers.get(0))));
    }
    Pattern valuePattern = regex(value(e, "value"), path + ".value", 0);
    if (matchers.size() != 1 || agent == null) {
      return null;
    }
    String matcher = matchers.get(0);
    Node matcherNode = value(e, matcher);
    String text = string(matcherNode);
    if (text == null) {
      return null;
    }
    String matcherPath = path + "." + matcher;
    SignalRule rule = switch (matcher) {
      case "trailer" ->
          new SignalRule(agent, SignalRule.Where.TRAILER, text, valuePattern, confidence);
      case "email" -> new SignalRule(agent, SignalRule.Where.EMAIL, null, Pattern.compile(
          Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), confidence);
      case "name" -> patternRule(agent, SignalRule.Where.NAME, regex(matcherNode, matcherPath,
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), confidence);
      case "message" -> patternRule(agent, SignalRule.Where.MESSAGE,
          regex(matcherNode, matcherPath, Pattern.MULTILINE), confidence);
      case "branchPrefix" ->
          new SignalRule(agent, SignalRule.Where.BRANCH, text, null, confidence);
      default -> new SignalRule(agent, SignalRule.Where.ENVIRONMENT, text, valuePattern,
          confidence);
    };
    return valueEntry != null && valuePattern == null ? null : rule;
  }

  private static SignalRule patternRule(String agent, SignalRule.Where where, Pattern pattern,
      Confidence confidence) {
    return pattern == null ? null : new SignalRule(agent, where, null, pattern, confidence);
  }

  private CriticalityOverride override(MappingNode item, String path) {
    Map<String, NodeTuple> e = YamlMaps.entries(item);
    AddressGlob type = glob(e, "type", path);
    AddressGlob address = glob(e, "address", path);
    Node criticalNode = value(e, "critical");
    String category = text(e, "category", path + ".category");
    if ((type == null && address == null) || criticalNode == null
        || !YamlValues.BOOLEAN.equals(YamlValues.jsonType(criticalNode))) {
      return null;
    }
    boolean critical = Boolean.TRUE.equals(YamlValues.jsonValue((ScalarNode) criticalNode));
    return new CriticalityOverride(type, address, critical, category);
  }

  // ---- values -----------------------------------------------------------------------------

  /** Actions by id; the schema has reported any that is not one, so they are skipped here. */
  private static Set<FindingAction> actions(Node node, Set<FindingAction> otherwise) {
    SequenceNode list = sequence(node);
    if (list == null) {
      return otherwise;
    }
    Set<FindingAction> out = EnumSet.noneOf(FindingAction.class);
    for (Node item : list.getValue()) {
      FindingAction a = byId(FindingAction.values(), FindingAction::id, string(item), null);
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  private AddressGlob glob(Map<String, NodeTuple> entries, String key, String path) {
    Node node = value(entries, key);
    String text = string(node);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return AddressGlob.compile(text);
    } catch (IllegalArgumentException e) {
      problems.add(Problem.at(node, YamlValues.quote(path + "." + key)
          + " is not a valid glob (" + e.getMessage() + "): " + YamlValues.quote(text)));
      return null;
    }
  }

  /**
   * Checks a plan-file glob: it must compile as a java.nio glob, and it must stay inside the
   * repository, because the pre-push check matches it against paths relative to the root: an
   * absolute or escaping glob would match nothing, and "no plan found" must not look like "no
   * destroys".
   */
  private boolean checkPlanGlob(String glob, Node node, String path) {
    String problem = glob.isEmpty() ? null : planGlobProblem(glob);
    if (problem != null) {
      problems.add(Problem.at(node, YamlValues.quote(path) + problem + ": "
          + YamlValues.quote(glob)));
    }
    return !glob.isEmpty() && problem == null;
  }

  /** What is wrong with a non-empty plan glob, as the rest of a sentence; null when nothing. */
  private static String planGlobProblem(String glob) {
    if (glob.startsWith("/") || glob.startsWith("\\") || glob.startsWith("~")
        || glob.matches("^[A-Za-z]:.*") || glob.contains("{/") || glob.contains(",/")) {
      return " must be relative to the repository root, not absolute";
    }
    List<String> steps = List.of(glob.split("[/\\\\{},]", -1));
    if (steps.contains("..")) {
      return " must stay inside the repository (no \"..\")";
    }
    if (steps.contains(".")) {
      return " is matched against paths written without \"./\"; leave the \".\" steps out";
    }
    int doubleStars = glob.split("\\*\\*", -1).length - 1;
    if (doubleStars > MAX_PLAN_GLOB_DOUBLE_STARS) {
      return " has " + doubleStars + " \"**\"; at most " + MAX_PLAN_GLOB_DOUBLE_STARS
          + " are allowed, since each one multiplies the time matching a path takes (list"
          + " several globs instead)";
    }
    try {
      FileSystems.getDefault().getPathMatcher("glob:" + glob);
      return null;
    } catch (PatternSyntaxException e) {
      return " is not a valid glob (" + globReason(glob, e) + ")";
    } catch (IllegalArgumentException e) {
      return " is not a valid glob (" + e.getMessage() + ")";
    }
  }

  /** The JDK's reason, mended: for an unclosed bracket it says only {@code Missing '}. */
  private static String globReason(String glob, PatternSyntaxException e) {
    String d = e.getDescription();
    if (d.startsWith("Missing '") && d.length() <= "Missing '".length() + 1) {
      return glob.lastIndexOf('[') > glob.lastIndexOf(']') ? "a \"[\" is never closed"
          : "a \"{\" is never closed";
    }
    return d.isEmpty() ? "not a glob" : Character.toLowerCase(d.charAt(0)) + d.substring(1);
  }

  private Pattern regex(Node node, String path, int flags) {
    String text = string(node);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(text, flags);
    } catch (PatternSyntaxException e) {
      String position = e.getIndex() >= 0 ? " at position " + (e.getIndex() + 1) : "";
      problems.add(Problem.at(node, YamlValues.quote(path)
          + " is not a valid regular expression (" + e.getDescription().toLowerCase(Locale.ROOT)
          + position + "): " + YamlValues.quote(text)));
      return null;
    }
  }

  private LocalDate date(Node node, String path) {
    String text = string(node);
    if (text == null || !DATE_SHAPE.matcher(text).matches()) {
      return null; // missing or the wrong shape: the schema has said so
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      String why = e.getMessage();
      int colon = why.indexOf(": ");
      problems.add(Problem.at(node, YamlValues.quote(path) + " is not a real date: " + text
          + (colon >= 0 ? " (" + why.substring(colon + 2) + ")" : "")));
      return null;
    }
  }

  /**
   * The string at {@code key}; null when it is none, or only spaces (reported: the policy is
   * then refused, so the null never reaches a rule).
   */
  private String text(Map<String, NodeTuple> entries, String key, String path) {
    Node node = value(entries, key);
    String text = string(node);
    if (text != null && !text.isEmpty() && text.isBlank()) {
      problems.add(Problem.at(node, YamlValues.quote(path) + " must say something, not only"
          + " spaces"));
      return null;
    }
    return text;
  }

  // ---- node access --------------------------------------------------------------------

  /** What {@code reader} makes of each mapping in the list at {@code key}, where it makes one. */
  private static <T> List<T> items(Map<String, NodeTuple> top, String key,
      BiFunction<MappingNode, String, T> reader) {
    List<T> out = new ArrayList<>();
    SequenceNode list = sequence(value(top, key));
    for (int i = 0; list != null && i < list.getValue().size(); i++) {
      MappingNode item = mapping(list.getValue().get(i));
      T read = item == null ? null : reader.apply(item, key + "[" + i + "]");
      if (read != null) {
        out.add(read);
      }
    }
    return out;
  }

  /** The value whose id is {@code id}, or {@code otherwise}. */
  private static <T> T byId(T[] values, Function<T, String> id, String wanted, T otherwise) {
    return Arrays.stream(values).filter(v -> id.apply(v).equals(wanted)).findFirst()
        .orElse(otherwise);
  }

  private static Node value(Map<String, NodeTuple> entries, String key) {
    NodeTuple t = entries.get(key);
    return t == null ? null : t.getValueNode();
  }

  private static MappingNode mapping(Node node) {
    return node != null && YamlValues.OBJECT.equals(YamlValues.jsonType(node))
        ? (MappingNode) node : null;
  }

  private static SequenceNode sequence(Node node) {
    return node != null && YamlValues.ARRAY.equals(YamlValues.jsonType(node))
        ? (SequenceNode) node : null;
  }

  /** A count the schema limits to 1..3, or the fallback when absent or invalid. */
  private static Integer count(Node node, Integer fallback) {
    if (node instanceof ScalarNode scalar
        && YamlValues.INTEGER.equals(YamlValues.jsonType(node))
        && YamlValues.jsonValue(scalar) instanceof BigDecimal n
        && n.compareTo(BigDecimal.ONE) >= 0 && n.compareTo(BigDecimal.valueOf(3)) <= 0) {
      return n.intValue();
    }
    return fallback;
  }

  private static String string(Node node) {
    return node == null ? null : YamlValues.string(node);
  }

  private static String orDefault(String value, String otherwise) {
    return value == null || value.isEmpty() ? otherwise : value;
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }
}
