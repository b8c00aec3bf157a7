package dev.plangate.core.authorship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.authorship.SignalRule.Where;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules that recognise AI agents in commits, branch names and the environment, plus the
 * GitHub App bots known <em>not</em> to be AI. The knowledge lives in {@code ai-signals.json},
 * where every rule records the source it came from; this class only reads and checks it.
 *
 * <p>A broken data file is a bug in plangate, not in the user's repository, so loading fails
 * loudly ({@link IllegalStateException} naming the entry) rather than detecting less.
 */
public final class SignalCatalog {
  private static final String RESOURCE = "ai-signals.json";
  /** Built-in patterns are matched without regard to case: tools and people vary it. */
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  private static SignalCatalog builtin;

  private final List<SignalRule> rules;
  private final Set<String> agents;
  private final Map<String, String> agentByGitAiTool;
  private final Set<String> nonAiBots;
  private final Map<Long, String> agentByAccountId;
  private final Map<String, String> agentByLogin;

  private SignalCatalog(List<SignalRule> rules, Map<String, String> agentByGitAiTool,
      Set<String> nonAiBots, Map<Long, String> agentByAccountId,
      Map<String, String> agentByLogin) {
    List<SignalRule> checked = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (SignalRule r : rules) {
      checked.add(wholeValueRulesIgnoreCase(r));
      names.add(r.agent());
    }
    this.rules = List.copyOf(checked);
    this.agents = Collections.unmodifiableSet(names);
    this.agentByGitAiTool = Map.copyOf(agentByGitAiTool);
    this.nonAiBots = Set.copyOf(nonAiBots);
    this.agentByAccountId = Map.copyOf(agentByAccountId);
    this.agentByLogin = Map.copyOf(agentByLogin);
  }

  /** The catalogue shipped with plangate, read once. */
  // Synchronized: the CLI reads it on a second thread at start-up, and a check that asks while
  // that read is under way waits for it rather than parsing the file again.
  public static synchronized SignalCatalog builtin() {
    SignalCatalog c = builtin;
    if (c == null) {
      try (InputStream in = SignalCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE);
        }
        c = parse(new ObjectMapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      builtin = c;
    }
    return c;
  }

  /**
   * Reads a catalogue document in the format of {@code ai-signals.json}.
   *
   * @throws IllegalStateException naming the first entry that is malformed
   */
  static SignalCatalog parse(JsonNode doc) {
    List<SignalRule> rules = new ArrayList<>();
    Map<String, String> byTool = new HashMap<>();
    Map<Long, String> byId = new HashMap<>();
    Map<String, String> byLogin = new HashMap<>();
    Set<String> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    JsonNode agentList = doc.path("agents");
    if (!agentList.isArray() || agentList.isEmpty()) {
      throw new IllegalStateException(RESOURCE + ": \"agents\" must be a non-empty list");
    }
    for (int a = 0; a < agentList.size(); a++) {
      JsonNode agent = agentList.get(a);
      String id = text(agent, "id");
      String name = text(agent, "name");
      String where = "agents[" + a + "]" + (id == null ? "" : " (" + id + ")");
      if (id == null || name == null) {
        throw new IllegalStateException(RESOURCE + ": " + where + " needs an id and a name");
      }
      if (!ids.add(id) || !names.add(name)) {
        throw new IllegalStateException(RESOURCE + ": " + where + " repeats an id or name");
      }
      for (JsonNode tool : agent.path("gitAiTools")) {
        byTool.put(tool.asText().toLowerCase(Locale.ROOT), name);
      }
      // An App's slug is its bot login without "[bot]": copilot-swe-agent acts as Copilot.
      for (JsonNode app : agent.path("githubApps")) {
        byLogin.putIfAbsent(app.asText().toLowerCase(Locale.ROOT) + "[bot]", name);
      }
      JsonNode accounts = agent.path("githubAccounts");
      for (int i = 0; i < accounts.size(); i++) {
        JsonNode account = accounts.get(i);
        String login = text(account, "login");
        if (login == null || !account.path("id").canConvertToLong()
            || text(account, "source") == null
            || byId.put(account.path("id").asLong(), name) != null) {
          throw new IllegalStateException(RESOURCE + ": " + where + " githubAccounts[" + i
              + "] needs a login, a unique numeric id and a source");
        }
        // Copilot's coding agent and CLI share the login; the first listed keeps it.
        byLogin.putIfAbsent(login.toLowerCase(Locale.ROOT), name);
      }
      JsonNode signals = agent.path("signals");
      if (!signals.isArray() || signals.isEmpty()) {
        throw new IllegalStateException(RESOURCE + ": " + where + " has no signals");
      }
      for (int s = 0; s < signals.size(); s++) {
        rules.add(rule(name, signals.get(s), where + " signals[" + s + "]"));
      }
    }
    Set<String> bots = new HashSet<>();
    JsonNode botList = doc.path("nonAiBots");
    for (int b = 0; b < botList.size(); b++) {
      String login = text(botList.get(b), "login");
      if (login == null || !login.endsWith("[bot]") || text(botList.get(b), "source") == null) {
        throw new IllegalStateException(RESOURCE + ": nonAiBots[" + b
            + "] needs a login ending in [bot] and a source");
      }
      bots.add(login.toLowerCase(Locale.ROOT));
    }
    return new SignalCatalog(rules, byTool, bots, byId, byLogin);
  }

  private static SignalRule rule(String agent, JsonNode e, String where) {
    String whereText = text(e, "where");
    Where kind;
    try {
      kind = Where.valueOf(String.valueOf(whereText).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new IllegalStateException(RESOURCE + ": " + where + ": unknown where \"" + whereText
          + "\"; expected one of trailer, email, name, message, branch, environment, note");
    }
    Confidence confidence;
    try {
      confidence = Confidence.valueOf(String.valueOf(text(e, "confidence"))
          .toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new IllegalStateException(RESOURCE + ": " + where + ": confidence must be high, "
          + "medium or low, not \"" + text(e, "confidence") + "\"");
    }
    if (text(e, "source") == null) {
      throw new IllegalStateException(RESOURCE + ": " + where + ": every rule names its source");
    }
    String regex = text(e, "pattern");
    Pattern pattern;
    try {
      pattern = regex == null ? null : Pattern.compile(regex, FLAGS);
    } catch (PatternSyntaxException bad) {
      throw new IllegalStateException(RESOURCE + ": " + where + ": pattern does not compile: "
          + bad.getDescription() + " in " + regex, bad);
    }
    SignalRule rule = new SignalRule(agent, kind, text(e, "key"), pattern, confidence);
    String problem = problem(rule);
    if (problem != null) {
      throw new IllegalStateException(RESOURCE + ": " + where + ": " + problem);
    }
    return rule;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
  }

  /** What is wrong with a rule, or null. Shared by the data file and policy additions. */
  private static String problem(SignalRule r) {
    if (r.agent() == null || r.agent().isBlank()) {
      return "a rule needs an agent name";
    }
    if (r.where() == null || r.confidence() == null) {
      return "a rule needs a where and a confidence";
    }
    boolean hasKey = r.key() != null && !r.key().isBlank();
    return switch (r.where()) {
      case TRAILER, ENVIRONMENT -> hasKey ? null : r.where().name().toLowerCase(Locale.ROOT)
          + " rules need a key (the trailer or variable name)";
      case BRANCH -> hasKey || r.pattern() != null ? null
          : "branch rules need a prefix or a pattern";
      case EMAIL, NAME, MESSAGE -> r.pattern() != null ? null
          : r.where().name().toLowerCase(Locale.ROOT) + " rules need a pattern";
      case NOTE -> null;
    };
  }

  /** EMAIL and NAME rules compare whole values without regard to case, whoever compiled them. */
  private static SignalRule wholeValueRulesIgnoreCase(SignalRule r) {
    boolean wholeValue = r.where() == Where.EMAIL || r.where() == Where.NAME;
    if (!wholeValue || (r.pattern().flags() & Pattern.CASE_INSENSITIVE) != 0) {
      return r;
    }
    return new SignalRule(r.agent(), r.where(), r.key(),
        Pattern.compile(r.pattern().pattern(), r.pattern().flags() | FLAGS), r.confidence());
  }

  /**
   * This catalogue plus rules from a policy file. The additions are checked like the built-in
   * rules; the built-in ones cannot be removed, so a policy can widen detection but not blind it.
   *
   * @throws IllegalArgumentException naming the first malformed rule
   */
  public SignalCatalog withExtra(List<SignalRule> extra) {
    List<SignalRule> all = new ArrayList<>(rules);
    for (int i = 0; i < extra.size(); i++) {
      SignalRule r = extra.get(i);
      String problem = r == null ? "a rule is missing" : problem(r);
      if (problem != null) {
        throw new IllegalArgumentException("signals[" + i + "]"
            + (r == null || r.agent() == null ? "" : " (" + r.agent() + ")") + ": " + problem);
      }
      all.add(r);
    }
    return new SignalCatalog(all, agentByGitAiTool, nonAiBots, agentByAccountId, agentByLogin);
  }

  /** Every rule, built-in first, in catalogue order. */
  public List<SignalRule> rules() {
    return rules;
  }

  /** Display names of the agents the rules identify, in catalogue order. */
  public Set<String> agents() {
    return agents;
  }

  /**
   * The agent display name for a git-ai note's {@code agent_id.tool} value ({@code claude},
   * {@code cursor}, ...), if the catalogue knows it.
   */
  public Optional<String> agentForGitAiTool(String tool) {
    return tool == null ? Optional.empty()
        : Optional.ofNullable(agentByGitAiTool.get(tool.toLowerCase(Locale.ROOT)));
  }

  /**
   * Whether a GitHub App login ({@code dependabot[bot]}) belongs to a bot known not to be AI.
   * Logins, not numeric ids, decide: claude-code-action commits as {@code claude[bot]} with the
   * id of {@code github-actions[bot]}.
   */
  public boolean isNonAiBot(String login) {
    return login != null && nonAiBots.contains(login.toLowerCase(Locale.ROOT));
  }

  /**
   * The agent behind a GitHub account, as the API reports it (never as git metadata says). The
   * numeric id decides first; a login decides only for App logins ({@code name[bot]}) and the
   * Copilot account, which people cannot register.
   *
   * @param login the account's login, or null
   * @param id the account's numeric id, or 0 when unknown
   */
  public Optional<String> agentForGitHubAccount(String login, long id) {
    String byId = id > 0 ? agentByAccountId.get(id) : null;
    if (byId != null) {
      return Optional.of(byId);
    }
    // folded: a login written with look-alike or invisible characters is still that login
    return login == null ? Optional.empty() : Optional.ofNullable(agentByLogin.get(
        SignalText.fold(login).strip().toLowerCase(Locale.ROOT)));
  }
}
