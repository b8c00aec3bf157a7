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
 * the answer says so.
 *
 * <p>Every text is {@linkplain SignalText#fold folded} before it is matched, so that a signal
 * written a little differently (a zero-width space in an email, a Unicode hyphen in a trailer
 * key, spaces inside angle brackets) still counts. Trailers come from git's own parse, and a
 * line of the message body written as an agent's trailer counts too, wherever it stands: an
 * agent's trailer followed by more text is no longer in git's trailer block, and a quoted one
 * costs at most one approval, while a missed one costs the gate.
 */
public final class AuthorshipDetector {
  /** Longest evidence string kept; a signal is a pointer, not a copy of the commit. */
  static final int EVIDENCE_LIMIT = 200;

  /** A GitHub App's noreply email, with or without the numeric id: group 1 is the login. */
  private static final Pattern GITHUB_APP_EMAIL = Pattern.compile(
      "(?:[0-9]+\\+)?([^@\\s+]+\\[bot\\])@users\\.noreply\\.github\\.com",
      Pattern.CASE_INSENSITIVE);
  /** What stands between angle brackets: {@code Name <email>}, spaces and all. */
  private static final Pattern ANGLE = Pattern.compile("<([^<>]*)>");
  private static final Pattern BARE_EMAIL = Pattern.compile("[^<>\\s]+@[^<>\\s]+");
  /** Longest key a line of the body may have to be read as a trailer. */
  private static final int MAX_BODY_KEY = 100;
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
  /** The trailer rules' keys, folded and in lower case. */
  private final Set<String> trailerKeys = new HashSet<>();

  public AuthorshipDetector(SignalCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    for (Where w : Where.values()) {
      rulesByWhere.put(w, catalog.rules().stream().filter(r -> r.where() == w).toList());
    }
    rulesByWhere.get(Where.TRAILER).forEach(r -> trailerKeys.add(SignalText.key(r.key())));
  }

  /** What one commit's author, committer, trailers, message and git-ai note say. */
  public CommitAuthorship commit(Commit c) {
    return commit(c, List.of());
  }

  /** The same, with what the code host asserts about the commit ({@code extra}). */
  private CommitAuthorship commit(Commit c, List<Signal> extra) {
    List<Signal> found = new ArrayList<>(extra);
    person(found, "author", c.authorName(), c.authorEmail());
    boolean sameCommitter = Objects.equals(c.authorName(), c.committerName())
        && Objects.equals(c.authorEmail(), c.committerEmail());
    if (!sameCommitter) {
      person(found, "committer", c.committerName(), c.committerEmail());
    }
    Set<String> parsed = new HashSet<>();
    for (Trailer t : c.trailers()) {
      if (t.key() != null && t.value() != null) {
        String key = SignalText.key(t.key());
        String value = SignalText.fold(t.value()).strip();
        keyValue(found, "trailer", t.toString(), key, value);
        parsed.add(key + ":" + value);
      }
    }
    message(found, c.message(), parsed);
    note(found, c.aiNote());
    List<Signal> signals = strongestFirst(found);
    boolean ai = signals.stream().anyMatch(Signal::decides);
    String agent = signals.isEmpty() ? null : signals.get(0).agent();
    return new CommitAuthorship(c.sha(), c.author(), c.subject(), ai, agent, signals);
  }

  /** Signals in the name of the branch being checked; {@code refs/heads/} is ignored. */
  public List<Signal> branch(String branchName) {
    if (branchName == null || branchName.isBlank()) {
      return List.of();
    }
    String name = SignalText.fold(branchName).strip().replaceFirst("^refs/heads/", "");
    String written = branchName.strip().replaceFirst("^refs/heads/", "");
    List<Signal> found = new ArrayList<>();
    for (SignalRule r : rules(Where.BRANCH)) {
      String prefix = r.key();
      boolean prefixed = prefix == null || prefix.isBlank()
          || (name.length() > prefix.length()
              && name.regionMatches(true, 0, prefix, 0, prefix.length()));
      if (prefixed) {
        match(found, "branch", written, name, r, false);
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
        match(found, "environment", r.key() + "=" + value, SignalText.fold(value), r, false);
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
        commits.add(commit(c, platform.byCommit().getOrDefault(c.sha(), List.of())));
      }
    }
    List<Signal> signals = new ArrayList<>(platform.change());
    signals.addAll(branch(branch));
    signals.addAll(environment(env));
    signals = strongestFirst(signals);
    boolean ai = commits.stream().anyMatch(CommitAuthorship::ai)
        || signals.stream().anyMatch(Signal::decides);

    // Why the commits cannot clear the change, or null when they can. However the range was
    // built: no commit read is no evidence that a person wrote it.
    String unknown = range == null ? (whyNoRange != null && !whyNoRange.isBlank() ? whyNoRange
        : "No commit range was read, so the commits' authorship is unknown.")
        : !range.complete() ? (!range.problem().isBlank() ? range.problem()
            : "The commit history is cut off, so commits of the range may be missing.")
        : commits.isEmpty() ? "The range " + range.base() + ".." + range.head() + " holds no"
            + " commit, so no commit was read and authorship is unknown."
        : null;
    if (unknown != null) {
      return new Authorship(ai ? Boolean.TRUE : null, commits, signals, List.of(unknown));
    }
    List<String> notes = ai ? List.of() : List.of("None of the " + commits.size() + " commit"
        + (commits.size() == 1 ? "" : "s") + " read carries an AI signal, which does not prove a"
        + " person wrote " + (commits.size() == 1 ? "it" : "them")
        + ": an agent that leaves no trailer, identity or note looks like a person.");
    return new Authorship(ai, commits, signals, notes);
  }

  private void person(List<Signal> found, String kind, String name, String email) {
    Set<String> byEmail = new HashSet<>();
    if (email != null && !email.isBlank()) {
      String address = SignalText.email(email);
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
          match(found, kind, name, SignalText.fold(name).strip(), r, true);
        }
      }
    }
  }

  /**
   * The signals of one trailer, parsed by git or found in the body: the emails of a person
   * trailer against the email rules, the value against the rules for its key.
   *
   * @param key folded, lower case
   * @param value folded, stripped
   */
  private void keyValue(List<Signal> found, String kind, String evidence, String key,
      String value) {
    if (value.isEmpty()) {
      return;
    }
    if (!NOT_AUTHORSHIP.contains(key)) {
      for (String email : emailsIn(value)) {
        for (SignalRule r : rules(Where.EMAIL)) {
          match(found, kind, evidence, email, r, true);
        }
      }
    }
    for (SignalRule r : rules(Where.TRAILER)) {
      if (SignalText.key(r.key()).equals(key)) {
        match(found, kind, evidence, value, r, false);
      }
    }
  }

  /**
   * Every email a trailer value names: what stands in each pair of angle brackets (spaces
   * removed) when it holds an {@code @}, and every bare {@code user@host} word, wherever in the
   * value (text may follow: {@code Claude <noreply@anthropic.com> (via Claude Code)}).
   */
  private static Set<String> emailsIn(String value) {
    Set<String> emails = new LinkedHashSet<>();
    Matcher angle = ANGLE.matcher(value);
    while (angle.find()) {
      String inside = SignalText.email(angle.group(1));
      if (inside.indexOf('@') > 0) {
        emails.add(inside);
      }
    }
    int open = value.lastIndexOf('<');
    if (open >= 0 && value.indexOf('>', open) < 0) {
      String unclosed = SignalText.email(value.substring(open + 1));
      if (unclosed.indexOf('@') > 0) {
        emails.add(unclosed);
      }
    }
    Matcher bare = BARE_EMAIL.matcher(value);
    while (bare.find()) {
      emails.add(bare.group());
    }
    return emails;
  }

  private void message(List<Signal> found, String message, Set<String> parsed) {
    if (message == null || message.isEmpty()) {
      return;
    }
    String text = SignalText.fold(message);
    for (SignalRule r : rules(Where.MESSAGE)) {
      int at = BoundedText.search(r.pattern(), text, false);
      if (at != BoundedText.NONE) {
        found.add(signal("message", at == BoundedText.STOPPED ? stopped(r)
            : lineAt(text, at), r));
      }
    }
    bodyTrailers(found, text, parsed);
  }

  /**
   * Lines of the message written as a trailer ({@code Key: value}, after any quote or list
   * marker) that git did not parse as one: an agent's trailer above more text, or in the middle
   * of the body. Person keys ({@code ...-by}, {@code ...author...}) are read for emails, and
   * every key for the catalogue's trailer rules.
   */
  private void bodyTrailers(List<Signal> found, String text, Set<String> parsed) {
    int from = 0;
    while (from <= text.length()) {
      int eol = text.indexOf('\n', from);
      int end = eol < 0 ? text.length() : eol;
      bodyLine(found, text, from, end, parsed);
      if (eol < 0) {
        break;
      }
      from = eol + 1;
    }
  }

  private void bodyLine(List<Signal> found, String text, int from, int end,
      Set<String> parsed) {
    int start = from;
    while (start < end && " \t\r>*#+-".indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    int colon = -1;
    for (int i = start; i < end && i <= start + MAX_BODY_KEY; i++) {
      if (text.charAt(i) == ':') {
        colon = i;
        break;
      }
    }
    if (colon < 0) {
      return;
    }
    String key = text.substring(start, colon).strip();
    if (key.isEmpty() || !Character.isLetterOrDigit(key.charAt(0))) {
      return;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '-'))) {
        return;
      }
    }
    String k = key.toLowerCase(Locale.ROOT);
    String value = text.substring(colon + 1, end).strip();
    if (parsed.contains(k + ":" + value)) {
      return; // git read it as a trailer: reported once, as that
    }
    boolean person = k.endsWith("-by") || k.contains("author");
    if (person || trailerKeys.contains(k)) {
      keyValue(found, "message", text.substring(from, end).strip(), k, value);
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
