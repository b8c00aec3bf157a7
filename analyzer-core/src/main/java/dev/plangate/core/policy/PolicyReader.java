package dev.plangate.core.policy;

import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.SignalRule;
import dev.plangate.core.impact.FindingAction;
import java.nio.file.FileSystems;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private static final Set<FindingAction> DEFAULT_APPROVAL_ACTIONS =
      EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE);
  private static final Set<FindingAction> DEFAULT_PROTECT_ACTIONS =
      EnumSet.of(FindingAction.DELETE, FindingAction.REPLACE);
  private static final Set<FindingAction> DEFAULT_WAIVER_ACTIONS =
      EnumSet.allOf(FindingAction.class);
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
    Set<FindingAction> approvalActions = DEFAULT_APPROVAL_ACTIONS;
    String label = Policy.DEFAULT_LABEL;
    int approvers = 1;
    Integer criticalApprovers = null;
    MappingNode approval = mapping(value(top, "approval"));
    if (approval != null) {
      Map<String, NodeTuple> a = YamlMaps.entries(approval);
      approvalActions = actions(value(a, "actions"), approvalActions);
      label = orDefault(string(value(a, "label")), label);
      approvers = count(value(a, "approvers"), approvers);
      criticalApprovers = count(value(a, "criticalApprovers"), null);
    }
    HumanOnly humanOnly = HumanOnly.WARN;
    String humanOnlyId = string(value(top, "humanOnly"));
    for (HumanOnly h : HumanOnly.values()) {
      if (h.id().equals(humanOnlyId)) {
        humanOnly = h;
      }
    }
    // Only the exact word "human" turns fail-closed counting off.
    boolean unknownIsAi = !"human".equals(string(value(top, "unknownAuthorship")));

    List<ProtectRule> protect = new ArrayList<>();
    eachMapping(value(top, "protect"), "protect", (item, path) -> protectRule(item, path)
        .ifPresent(protect::add));
    List<Waiver> waivers = new ArrayList<>();
    eachMapping(value(top, "waivers"), "waivers", (item, path) -> waiver(item, path)
        .ifPresent(waivers::add));
    List<SignalRule> signals = new ArrayList<>();
    eachMapping(value(top, "signals"), "signals", (item, path) -> signal(item, path)
        .ifPresent(signals::add));
    List<CriticalityOverride> criticality = new ArrayList<>();
    eachMapping(value(top, "criticality"), "criticality", (item, path) -> override(item, path)
        .ifPresent(criticality::add));

    List<String> plans = new ArrayList<>();
    SequenceNode planList = sequence(value(top, "plans"));
    if (planList != null) {
      for (int i = 0; i < planList.getValue().size(); i++) {
        Node item = planList.getValue().get(i);
        String glob = string(item);
        if (glob != null && checkPlanGlob(glob, item, "plans[" + i + "]")) {
          plans.add(glob);
        }
      }
    }
    Node commandNode = value(top, "planCommand");
    String planCommand = string(commandNode);
    notBlank(planCommand, commandNode, "planCommand");
    Node auditNode = value(top, "auditLog");
    String auditLog = string(auditNode);
    notBlank(auditLog, auditNode, "auditLog");

    return new Policy(source, approvalActions, label, humanOnly, unknownIsAi, protect, waivers,
        signals, criticality, plans, planCommand, approvers,
        criticalApprovers == null ? approvers : criticalApprovers, auditLog);
  }

  private Optional<ProtectRule> protectRule(MappingNode item, String path) {
    Map<String, NodeTuple> e = YamlMaps.entries(item);
    AddressGlob type = glob(e, "type", path);
    AddressGlob address = glob(e, "address", path);
    Node reasonNode = value(e, "reason");
    String reason = string(reasonNode);
    notBlank(reason, reasonNode, path + ".reason");
    if (type == null && address == null) {
      return Optional.empty();
    }
    return Optional.of(new ProtectRule(type, address,
        actions(value(e, "actions"), DEFAULT_PROTECT_ACTIONS), reason, line(item)));
  }

  private Optional<Waiver> waiver(MappingNode item, String path) {
    Map<String, NodeTuple> e = YamlMaps.entries(item);
    AddressGlob address = glob(e, "address", path);
    Node reasonNode = value(e, "reason");
    String reason = string(reasonNode);
    boolean reasonOk = notBlank(reason, reasonNode, path + ".reason");
    LocalDate expires = date(value(e, "expires"), path + ".expires");
    if (address == null || reason == null || !reasonOk || expires == null) {
      return Optional.empty();
    }
    return Optional.of(new Waiver(address,
        actions(value(e, "actions"), DEFAULT_WAIVER_ACTIONS), reason, expires, line(item)));
  }

  private Optional<SignalRule> signal(MappingNode item, String path) {
    Map<String, NodeTuple> e = YamlMaps.entries(item);
    Node agentNode = value(e, "agent");
    String agent = string(agentNode);
    boolean agentOk = notBlank(agent, agentNode, path + ".agent");
    Confidence confidence = Confidence.MEDIUM;
    String confidenceId = string(value(e, "confidence"));
    for (Confidence c : Confidence.values()) {
      if (c.id().equals(confidenceId)) {
        confidence = c;
      }
    }
    List<String> matchers = SIGNAL_MATCHERS.stream().filter(e::containsKey).toList();
    NodeTuple valueEntry = e.get("value");
    if (valueEntry != null && !matchers.isEmpty() && !matchers.contains("trailer")
        && !matchers.contains("env")) {
      problems.add(Problem.at(valueEntry.getKeyNode(), YamlValues.quote(path + ".value")
          + " only goes with \"trailer\" or \"env\", not with "
          + YamlValues.quote(matchers.get(0))));
    }
    Pattern valuePattern = regex(value(e, "value"), path + ".value", 0);
    if (matchers.size() != 1 || agent == null || !agentOk) {
      return Optional.empty();
    }
    String matcher = matchers.get(0);
    Node matcherNode = value(e, matcher);
    String text = string(matcherNode);
    if (text == null) {
      return Optional.empty();
    }
    String matcherPath = path + "." + matcher;
    SignalRule rule;
    switch (matcher) {
      case "trailer":
        rule = new SignalRule(agent, SignalRule.Where.TRAILER, text, valuePattern, confidence);
        break;
      case "email":
        rule = new SignalRule(agent, SignalRule.Where.EMAIL, null, Pattern.compile(
            Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), confidence);
        break;
      case "name":
        Pattern name = regex(matcherNode, matcherPath,
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        rule = name == null ? null
            : new SignalRule(agent, SignalRule.Where.NAME, null, name, confidence);
        break;
      case "message":
        Pattern message = regex(matcherNode, matcherPath, Pattern.MULTILINE);
        rule = message == null ? null
            : new SignalRule(agent, SignalRule.Where.MESSAGE, null, message, confidence);
        break;
      case "branchPrefix":
        rule = new SignalRule(agent, SignalRule.Where.BRANCH, text, null, confidence);
        break;
      default:
        rule = new SignalRule(agent, SignalRule.Where.ENVIRONMENT, text, valuePattern,
            confidence);
        break;
    }
    if (valueEntry != null && valuePattern == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(rule);
  }

  private Optional<CriticalityOverride> override(MappingNode item, String path) {
    Map<String, NodeTuple> e = YamlMaps.entries(item);
    AddressGlob type = glob(e, "type", path);
    AddressGlob address = glob(e, "address", path);
    Node criticalNode = value(e, "critical");
    Node categoryNode = value(e, "category");
    String category = string(categoryNode);
    notBlank(category, categoryNode, path + ".category");
    if ((type == null && address == null) || criticalNode == null
        || !YamlValues.BOOLEAN.equals(YamlValues.jsonType(criticalNode))) {
      return Optional.empty();
    }
    boolean critical = Boolean.TRUE.equals(YamlValues.jsonValue((ScalarNode) criticalNode));
    return Optional.of(new CriticalityOverride(type, address, critical, category));
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
      String id = string(item);
      for (FindingAction a : FindingAction.values()) {
        if (a.id().equals(id)) {
          out.add(a);
        }
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
    String subject = YamlValues.quote(path);
    if (glob.isEmpty()) {
      return false;
    }
    if (glob.startsWith("/") || glob.startsWith("\\") || glob.startsWith("~")
        || glob.matches("^[A-Za-z]:.*") || glob.contains("{/") || glob.contains(",/")) {
      problems.add(Problem.at(node, subject + " must be relative to the repository root, not "
          + "absolute: " + YamlValues.quote(glob)));
      return false;
    }
    List<String> steps = List.of(glob.split("[/\\\\{},]", -1));
    if (steps.contains("..")) {
      problems.add(Problem.at(node, subject + " must stay inside the repository (no \"..\"): "
          + YamlValues.quote(glob)));
      return false;
    }
    if (steps.contains(".")) {
      problems.add(Problem.at(node, subject + " is matched against paths written without"
          + " \"./\"; leave the \".\" steps out: " + YamlValues.quote(glob)));
      return false;
    }
    int doubleStars = glob.split("\\*\\*", -1).length - 1;
    if (doubleStars > MAX_PLAN_GLOB_DOUBLE_STARS) {
      problems.add(Problem.at(node, subject + " has " + doubleStars + " \"**\"; at most "
          + MAX_PLAN_GLOB_DOUBLE_STARS + " are allowed, since each one multiplies the time"
          + " matching a path takes (list several globs instead): " + YamlValues.quote(glob)));
      return false;
    }
    try {
      FileSystems.getDefault().getPathMatcher("glob:" + glob);
      return true;
    } catch (PatternSyntaxException e) {
      problems.add(Problem.at(node, subject + " is not a valid glob (" + globReason(glob, e)
          + "): " + YamlValues.quote(glob)));
      return false;
    } catch (IllegalArgumentException e) {
      problems.add(Problem.at(node, subject + " is not a valid glob (" + e.getMessage() + "): "
          + YamlValues.quote(glob)));
      return false;
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

  private boolean notBlank(String text, Node node, String path) {
    if (text != null && !text.isEmpty() && text.isBlank()) {
      problems.add(Problem.at(node, YamlValues.quote(path) + " must say something, not only"
          + " spaces"));
      return false;
    }
    return true;
  }

  // ---- node access --------------------------------------------------------------------

  private interface ItemReader {
    void read(MappingNode item, String path);
  }

  private static void eachMapping(Node node, String path, ItemReader reader) {
    SequenceNode list = sequence(node);
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.getValue().size(); i++) {
      MappingNode item = mapping(list.getValue().get(i));
      if (item != null) {
        reader.read(item, path + "[" + i + "]");
      }
    }
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
        && YamlValues.hasType(node, YamlValues.INTEGER)
        && YamlValues.jsonValue(scalar) instanceof java.math.BigDecimal n
        && n.compareTo(java.math.BigDecimal.ONE) >= 0
        && n.compareTo(java.math.BigDecimal.valueOf(3)) <= 0) {
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
