package dev.plangate.core.authorship;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.authorship.SignalRule.Where;
import dev.plangate.core.git.Commit;
import dev.plangate.core.git.CommitRange;
import dev.plangate.core.git.Trailer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a {@link SignalCatalog} to commits, a branch name and the environment, and combines
 * the results into an {@link Authorship}.
 *
 * <p>Everything here reads metadata the committing client wrote, which anyone can forge or
 * strip. A match is good evidence of AI involvement; the absence of a match proves nothing, and
 * the answer says so. Trailers are taken from git's own parse, so prose in a message body that
 * merely quotes a trailer does not count as one.
 */
public final class AuthorshipDetector {
  /** Longest evidence string kept; a signal is a pointer, not a copy of the commit. */
  static final int EVIDENCE_LIMIT = 200;

  /** A GitHub App's noreply email, with or without the numeric id: group 1 is the login. */
  private static final Pattern GITHUB_APP_EMAIL = Pattern.compile(
      "(?:[0-9]+\\+)?([^@\\s+]+\\[bot\\])@users\\.noreply\\.github\\.com",
      Pattern.CASE_INSENSITIVE);
  /** The email in {@code Name <email>}. */
  private static final Pattern ANGLE_EMAIL = Pattern.compile("<([^<>\\s]+@[^<>\\s]+)>\\s*$");
  private static final Pattern BARE_EMAIL = Pattern.compile("[^<>\\s]+@[^<>\\s]+");
  /**
   * Person trailers that say someone else looked at the change, not that they wrote it. An AI
   * reviewer named there did not author the commit; every other person trailer is read.
   */
  private static final Set<String> NOT_AUTHORSHIP = Set.of("reviewed-by", "acked-by",
      "tested-by", "reported-by", "reported-and-tested-by", "cc", "requested-by");
  private static final String UNKNOWN_APP = " (GitHub App, not known as an AI agent)";

  /** Reads git-ai note metadata; Jackson's default limits bound its nesting. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SignalCatalog catalog;
  private final Map<Where, List<SignalRule>> rulesByWhere = new EnumMap<>(Where.class);

  public AuthorshipDetector(SignalCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    for (Where w : Where.values()) {
      rulesByWhere.put(w, catalog.rules().stream().filter(r -> r.where() == w).toList());
    }
  }

  /** What one commit's author, committer, trailers, message and git-ai note say. */
  public CommitAuthorship commit(Commit c) {
    List<Signal> found = new ArrayList<>();
    person(found, "author", c.authorName(), c.authorEmail());
    boolean sameCommitter = Objects.equals(c.authorName(), c.committerName())
        && Objects.equals(c.authorEmail(), c.committerEmail());
    if (!sameCommitter) {
      person(found, "committer", c.committerName(), c.committerEmail());
    }
    for (Trailer t : c.trailers()) {
      trailer(found, t);
    }
    message(found, c.message());
    note(found, c.aiNote());
    List<Signal> signals = strongestFirst(found);
    boolean ai = signals.stream().anyMatch(Signal::decides);
    String agent = signals.isEmpty() ? null : signals.get(0).agent();
    return new CommitAuthorship(c.sha(), c.author(), c.subject(), ai, agent, signals);
  }

  private static CommitAuthorship withPlatform(CommitAuthorship c, List<Signal> extra) {
    if (extra == null || extra.isEmpty()) {
      return c;
    }
    List<Signal> all = new ArrayList<>(extra);
    all.addAll(c.signals());
    all = strongestFirst(all);
    boolean ai = all.stream().anyMatch(Signal::decides);
    return new CommitAuthorship(c.sha(), c.author(), c.subject(), ai,
        all.get(0).agent(), all);
  }

  /** Signals in the name of the branch being checked; {@code refs/heads/} is ignored. */
  public List<Signal> branch(String branchName) {
    if (branchName == null || branchName.isBlank()) {
      return List.of();
    }
    String name = branchName.strip();
    if (name.startsWith("refs/heads/")) {
      name = name.substring("refs/heads/".length());
    }
    List<Signal> found = new ArrayList<>();
    for (SignalRule r : rules(Where.BRANCH)) {
      String prefix = r.key();
      boolean prefixed = prefix == null || prefix.isBlank()
          || (name.length() > prefix.length()
              && name.regionMatches(true, 0, prefix, 0, prefix.length()));
      if (prefixed) {
        match(found, "branch", name, name, r, false);
      }
    }
    return strongestFirst(found);
  }

  /**
   * Signals in environment variables of the running process. These exist only when the agent
   * itself runs git; a person pushing afterwards from their own shell carries none.
   */
  public List<Signal> environment(Map<String, String> env) {
    if (env == null || env.isEmpty()) {
      return List.of();
    }
    List<Signal> found = new ArrayList<>();
    for (SignalRule r : rules(Where.ENVIRONMENT)) {
      String value = env.get(r.key());
      if (value != null && !value.isBlank()) {
        match(found, "environment", r.key() + "=" + value, value, r, false);
      }
    }
    return strongestFirst(found);
  }

  /**
   * Who wrote a change: every commit of the range, the branch and the environment.
   *
   * @param range the commits, or null when none could be read
   * @param branch the branch being checked, or null
   * @param env the process environment (local checks), or null or empty in CI
   * @param whyNoRange one sentence on why {@code range} is null; ignored otherwise
   */
  public Authorship assess(CommitRange range, String branch, Map<String, String> env,
      String whyNoRange) {
    return assess(range, branch, env, whyNoRange, PlatformSignals.none());
  }

  /** The same, with what the code host asserts about the change and its commits. */
  public Authorship assess(CommitRange range, String branch, Map<String, String> env,
      String whyNoRange, PlatformSignals platform) {
    List<CommitAuthorship> commits = new ArrayList<>();
    if (range != null) {
      for (Commit c : range.commits()) {
        commits.add(withPlatform(commit(c), platform.byCommit().get(c.sha())));
      }
    }
    List<Signal> signals = new ArrayList<>(platform.change());
    signals.addAll(branch(branch));
    signals.addAll(environment(env));
    signals = strongestFirst(signals);
    boolean ai = commits.stream().anyMatch(CommitAuthorship::ai)
        || signals.stream().anyMatch(Signal::decides);

    List<String> notes = new ArrayList<>();
    Boolean aiInvolved;
    if (range == null) {
      notes.add(whyNoRange != null && !whyNoRange.isBlank() ? whyNoRange
          : "No commit range was read, so the commits' authorship is unknown.");
      aiInvolved = ai ? Boolean.TRUE : null;
    } else if (!range.complete()) {
      notes.add(!range.problem().isBlank() ? range.problem()
          : "The commit history is cut off, so commits of the range may be missing.");
      aiInvolved = ai ? Boolean.TRUE : null;
    } else {
      aiInvolved = ai;
      if (!ai) {
        notes.add(commits.isEmpty()
            ? "The range holds no commits, so there was no authorship to read."
            : "None of the " + commits.size() + " commit" + (commits.size() == 1 ? "" : "s")
                + " read carries an AI signal, which does not prove a person wrote "
                + (commits.size() == 1 ? "it" : "them")
                + ": an agent that leaves no trailer, identity or note looks like a person.");
      }
    }
    return new Authorship(aiInvolved, commits, signals, notes);
  }

  private void person(List<Signal> found, String kind, String name, String email) {
    Set<String> byEmail = new HashSet<>();
    if (email != null && !email.isBlank()) {
      String address = email.strip();
      for (SignalRule r : rules(Where.EMAIL)) {
        if (match(found, kind, email, address, r, true)) {
          byEmail.add(r.agent());
        }
      }
      Matcher app = GITHUB_APP_EMAIL.matcher(address);
      if (byEmail.isEmpty() && app.matches() && !catalog.isNonAiBot(app.group(1))) {
        found.add(new Signal(kind, truncate(email), Confidence.LOW,
            app.group(1) + UNKNOWN_APP));
      }
    }
    if (name != null && !name.isBlank()) {
      for (SignalRule r : rules(Where.NAME)) {
        if (!byEmail.contains(r.agent())) {
          match(found, kind, name, name.strip(), r, true);
        }
      }
    }
  }

  private void trailer(List<Signal> found, Trailer t) {
    if (t.key() == null || t.value() == null) {
      return;
    }
    String evidence = t.toString();
    String email = personTrailerEmail(t);
    if (email != null) {
      for (SignalRule r : rules(Where.EMAIL)) {
        match(found, "trailer", evidence, email, r, true);
      }
    }
    for (SignalRule r : rules(Where.TRAILER)) {
      if (r.key().strip().equalsIgnoreCase(t.key().strip()) && !t.value().isBlank()) {
        match(found, "trailer", evidence, t.value(), r, false);
      }
    }
  }

  /** The email of a trailer naming someone who took part in writing, or null. */
  private static String personTrailerEmail(Trailer t) {
    if (NOT_AUTHORSHIP.contains(t.key().strip().toLowerCase(Locale.ROOT))) {
      return null;
    }
    String value = t.value().strip();
    Matcher angle = ANGLE_EMAIL.matcher(value);
    if (angle.find()) {
      return angle.group(1);
    }
    return BARE_EMAIL.matcher(value).matches() ? value : null;
  }

  private void message(List<Signal> found, String message) {
    if (message == null || message.isEmpty()) {
      return;
    }
    for (SignalRule r : rules(Where.MESSAGE)) {
      int at = BoundedText.search(r.pattern(), message, false);
      if (at != BoundedText.NONE) {
        found.add(signal("message", at == BoundedText.STOPPED ? stopped(r)
            : lineAt(message, at), r));
      }
    }
  }

  /** The whole line holding {@code index}, trimmed: the footer as a reader would see it. */
  private static String lineAt(String text, int index) {
    int start = text.lastIndexOf('\n', index - 1) + 1;
    int end = text.indexOf('\n', index);
    return text.substring(start, end < 0 ? text.length() : end).strip();
  }

  /**
   * A git-ai note (Git AI Standard v3): attestation lines, a line {@code ---}, then JSON whose
   * {@code sessions.*.agent_id.tool} names the agents. One signal per agent named; an
   * unreadable note still counts, as the tool's own.
   */
  private void note(List<Signal> found, String note) {
    if (note == null || note.isBlank()) {
      return;
    }
    Map<String, String> tools = null;
    for (SignalRule r : rules(Where.NOTE)) {
      int at = r.pattern() == null ? 0 : BoundedText.search(r.pattern(), note, false);
      if (at == BoundedText.NONE) {
        continue;
      }
      if (at == BoundedText.STOPPED) {
        found.add(signal("note", stopped(r), r));
        continue;
      }
      if (tools == null) {
        tools = noteTools(note);
      }
      if (tools.isEmpty()) {
        found.add(signal("note", "refs/notes/ai: " + firstLine(note), r));
      }
      for (Map.Entry<String, String> tool : tools.entrySet()) {
        String agent = catalog.agentForGitAiTool(tool.getKey()).orElse(tool.getKey());
        found.add(new Signal("note", truncate("refs/notes/ai: " + tool.getValue()),
            r.confidence(), agent));
      }
    }
  }

  /** Tool name to a description of its session ({@code tool claude, model opus}); may be empty. */
  private static Map<String, String> noteTools(String note) {
    Map<String, String> tools = new LinkedHashMap<>();
    String metadata = metadataOf(note);
    if (metadata == null) {
      return tools;
    }
    JsonNode doc;
    try {
      doc = JSON.readTree(metadata);
    } catch (JsonProcessingException unreadable) {
      return tools;
    }
    if (doc == null || !doc.isObject()) {
      return tools;
    }
    for (JsonNode agentId : doc.findValues("agent_id")) {
      String tool = agentId.path("tool").asText("").strip();
      if (!tool.isEmpty() && !tools.containsKey(tool)) {
        String model = agentId.path("model").asText("").strip();
        tools.put(tool, "tool " + tool + (model.isEmpty() ? "" : ", model " + model));
      }
    }
    return tools;
  }

  /** The text after the first line that is {@code ---} (blanks aside), or null. */
  private static String metadataOf(String note) {
    for (int start = 0; start < note.length(); ) {
      int end = note.indexOf('\n', start);
      int stop = end < 0 ? note.length() : end;
      if (note.substring(start, stop).strip().equals("---")) {
        return end < 0 ? "" : note.substring(end + 1);
      }
      start = stop + 1;
    }
    return null;
  }

  private static String firstLine(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
  }

  private List<SignalRule> rules(Where where) {
    return rulesByWhere.get(where);
  }

  /**
   * Adds {@code rule}'s signal when its pattern (none: any text) matches {@code text}, found in
   * it or, with {@code whole}, all of it. A pattern that takes too long to decide counts as
   * matching, with evidence that says so: fail closed, and name the pattern to fix.
   *
   * @return whether a signal was added
   */
  private static boolean match(List<Signal> found, String kind, String evidence, String text,
      SignalRule rule, boolean whole) {
    int at = rule.pattern() == null ? 0 : BoundedText.search(rule.pattern(), text, whole);
    if (at == BoundedText.NONE) {
      return false;
    }
    found.add(signal(kind, at == BoundedText.STOPPED ? stopped(rule) : evidence, rule));
    return true;
  }

  /** The evidence of a rule whose pattern was stopped before it decided. */
  private static String stopped(SignalRule rule) {
    return "pattern too slow on this text, counted as a match: /" + rule.pattern() + "/";
  }

  private static Signal signal(String kind, String evidence, SignalRule rule) {
    return new Signal(kind, truncate(evidence), rule.confidence(), rule.agent());
  }

  /**
   * Strongest first, keeping discovery order (catalogue order) among equals; one signal per
   * piece of evidence, so a trailer matched by an agent's rule and a generic rule is reported
   * once, under the agent.
   */
  private static List<Signal> strongestFirst(List<Signal> signals) {
    List<Signal> sorted = new ArrayList<>(signals);
    sorted.sort(Comparator.comparing(Signal::confidence));
    Set<String> seen = new LinkedHashSet<>();
    List<Signal> out = new ArrayList<>();
    for (Signal s : sorted) {
      if (seen.add(s.kind() + "\u0000" + s.evidence())) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  static String truncate(String evidence) {
    String s = evidence == null ? "" : evidence.strip();
    if (s.length() <= EVIDENCE_LIMIT) {
      return s;
    }
    int cut = EVIDENCE_LIMIT - 1;
    if (Character.isHighSurrogate(s.charAt(cut - 1))) {
      cut--;
    }
    return s.substring(0, cut) + "…";
  }
}
