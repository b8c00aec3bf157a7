package dev.plangate.github.action;

import dev.plangate.github.testing.RunnerFixture;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs a composite action's {@code action.yml} the way a GitHub runner does, as far as plangate's
 * action needs: inputs with the action's defaults, {@code uses:} steps recorded but not run (there
 * is no network and no marketplace here), and each {@code run:} step executed with
 * {@code bash --noprofile --norc -eo pipefail FILE} (GitHub's {@code shell: bash}) in its
 * {@code working-directory}, with the runner's file commands ({@code GITHUB_OUTPUT},
 * {@code GITHUB_ENV}, {@code GITHUB_PATH}, {@code GITHUB_STEP_SUMMARY}) fresh for every step and
 * read back afterwards. The action's {@code outputs:} are mapped at the end.
 *
 * <p>Only the expressions plangate's action uses are evaluated: {@code inputs.NAME},
 * {@code github.token}, {@code github.action_ref}, {@code runner.os} and
 * {@code steps.ID.outputs.NAME}; a step's {@code if:} only in the form
 * {@code steps.ID.outputs.NAME != 'VALUE'} (or {@code ==}). Anything else, an expression inside a
 * {@code run:} script, or a shell other than bash fails loudly with
 * {@link IllegalStateException}: the harness would otherwise pretend to run something it does
 * not understand.
 *
 * <p>With {@link #cacheStore}, {@code actions/cache/restore} and {@code actions/cache/save} are
 * simulated with a directory standing in for GitHub's cache service: restore copies the entry of
 * the exact key into {@code path} and sets {@code cache-hit=true}, or sets nothing on a miss;
 * save copies {@code path} into a new entry (an existing key is never overwritten, as on
 * GitHub). Every step's wall time is recorded ({@link Step#elapsed}).
 *
 * <p>The harness knows nothing about plangate's jar. Tests put fake commands first on the PATH
 * ({@link #pathPrefix}), hide real ones ({@link #hideCommands}), or run the real jar by pointing
 * {@link #of} at an action directory whose repository has {@code cli/target/plangate.jar}
 * ({@link #stageAction} makes one).
 *
 * <pre>{@code
 * // The real jar, staged beside a copy of the action (or ActionRunner.of(root.resolve(
 * // "github-action")) when the checkout's own cli/target/plangate.jar is already built).
 * Path action = ActionRunner.stageAction(root, builtJar, tmp.resolve("action"));
 * ActionRunner.Result r = ActionRunner.of(action)
 *     .workspace(ws).runnerTemp(tmp.resolve("runner-temp"))
 *     .input("plans", "plan.json")
 *     .githubToken("ghs_test")
 *     .env("GITHUB_EVENT_PATH", event.toString())
 *     .env("GITHUB_API_URL", fake.url())
 *     .run();
 * assertThat(r.exitCode()).isEqualTo(1);
 * assertThat(r.outputs()).containsEntry("decision", "approval_required");
 * }</pre>
 */
public final class ActionRunner {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)\\}\\}", Pattern.DOTALL);
  private static final Pattern INPUT = Pattern.compile("inputs\\.([A-Za-z_][A-Za-z0-9_-]*)");
  private static final Pattern STEP_OUTPUT =
      Pattern.compile("steps\\.([A-Za-z_][A-Za-z0-9_-]*)\\.outputs\\.([A-Za-z_][A-Za-z0-9_-]*)");
  /** Prefixes of host variables that would leak the machine's own CI context into a run. */
  private static final List<String> RUNNER_PREFIXES =
      List.of("GITHUB_", "RUNNER_", "ACTIONS_", "INPUT_", "STATE_", "PLANGATE_");

  private final Path actionDir;
  private final Map<String, String> inputs = new LinkedHashMap<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<Path> pathPrefix = new ArrayList<>();
  private final Set<String> hidden = new LinkedHashSet<>();
  private Path workspace;
  private Path runnerTemp;
  private String githubToken = "";
  private String actionRef = "";
  private String runnerOs = "Linux";
  private Duration stepTimeout = Duration.ofMinutes(5);
  private Path cacheStore;

  private ActionRunner(Path actionDir) {
    this.actionDir = actionDir.toAbsolutePath().normalize();
  }

  /**
   * Copies the action (action.yml, scripts/, and the repository's root pom.xml that the cache key
   * reads) from the plangate checkout {@code repositoryRoot} into {@code dest}, in the layout the
   * scripts expect, and puts {@code jar} (when not null) at {@code cli/target/plangate.jar} there,
   * so the build step uses it. Returns the staged action directory, for {@link #of}.
   */
  public static Path stageAction(Path repositoryRoot, Path jar, Path dest) throws IOException {
    Path actionDir = dest.resolve("github-action");
    Files.createDirectories(actionDir.resolve("scripts"));
    Files.copy(repositoryRoot.resolve("pom.xml"), dest.resolve("pom.xml"));
    Files.copy(repositoryRoot.resolve("github-action/action.yml"),
        actionDir.resolve("action.yml"));
    try (Stream<Path> scripts = Files.list(repositoryRoot.resolve("github-action/scripts"))) {
      for (Path script : scripts.collect(Collectors.toList())) {
        Files.copy(script, actionDir.resolve("scripts").resolve(script.getFileName()));
      }
    }
    if (jar != null) {
      Path target = Files.createDirectories(dest.resolve("cli/target"));
      Files.copy(jar, target.resolve("plangate.jar"));
    }
    return actionDir;
  }

  /** A runner for the action whose {@code action.yml} is in {@code actionDir}. */
  public static ActionRunner of(Path actionDir) {
    return new ActionRunner(actionDir);
  }

  /** An input as the workflow's {@code with:} gives it (already evaluated, taken literally). */
  public ActionRunner input(String name, String value) {
    inputs.put(name, value);
    return this;
  }

  /** Several inputs; see {@link #input}. */
  public ActionRunner inputs(Map<String, String> values) {
    inputs.putAll(values);
    return this;
  }

  /**
   * A variable of the job's environment (the runner's defaults such as {@code GITHUB_EVENT_PATH},
   * {@code GITHUB_REPOSITORY}, {@code GITHUB_API_URL}, or a workflow's {@code env:}). A step's own
   * {@code env:} overrides it. {@code PATH} cannot be set here: use {@link #pathPrefix}.
   */
  public ActionRunner env(String name, String value) {
    if (name.equals("PATH")) {
      throw new IllegalArgumentException("use pathPrefix(...) or hideCommands(...) for PATH");
    }
    env.put(name, value);
    return this;
  }

  /** Several job variables; see {@link #env}. */
  public ActionRunner env(Map<String, String> values) {
    values.forEach(this::env);
    return this;
  }

  /** A directory put before the host's PATH (earlier calls come first), e.g. with fake tools. */
  public ActionRunner pathPrefix(Path dir) {
    pathPrefix.add(dir.toAbsolutePath());
    return this;
  }

  /**
   * Commands that must not be found on the host's PATH: every PATH directory holding one is
   * replaced by a shadow directory of symbolic links to everything else in it.
   */
  public ActionRunner hideCommands(String... names) {
    hidden.addAll(List.of(names));
    return this;
  }

  /** {@code GITHUB_WORKSPACE}: the default working directory; relative paths resolve here. */
  public ActionRunner workspace(Path dir) {
    workspace = dir.toAbsolutePath().normalize();
    return this;
  }

  /** {@code RUNNER_TEMP}; also holds the step scripts and file-command files. */
  public ActionRunner runnerTemp(Path dir) {
    runnerTemp = dir.toAbsolutePath().normalize();
    return this;
  }

  /** The value of {@code ${{ github.token }}} (the default of a {@code github-token} input). */
  public ActionRunner githubToken(String token) {
    githubToken = token;
    return this;
  }

  /** The value of {@code ${{ github.action_ref }}}. */
  public ActionRunner actionRef(String ref) {
    actionRef = ref;
    return this;
  }

  /** The value of {@code ${{ runner.os }}} and {@code RUNNER_OS} (default Linux). */
  public ActionRunner runnerOs(String os) {
    runnerOs = os;
    return this;
  }

  /** How long one {@code run:} step may take before it is killed (default 5 minutes). */
  public ActionRunner stepTimeout(Duration timeout) {
    stepTimeout = timeout;
    return this;
  }

  /**
   * A directory standing in for GitHub's cache service: {@code actions/cache/restore} and
   * {@code actions/cache/save} steps are simulated with it (one subdirectory per key). Without
   * it they are recorded and not run, like every other {@code uses:} step.
   */
  public ActionRunner cacheStore(Path dir) {
    cacheStore = dir.toAbsolutePath().normalize();
    return this;
  }

  /** Runs the action. A failing step stops the run, as in a composite action without if:. */
  public Result run() throws IOException, InterruptedException {
    try {
      return runSteps();
    } finally {
      deleteShadowPath();
    }
  }

  private Result runSteps() throws IOException, InterruptedException {
    if (workspace == null || runnerTemp == null) {
      throw new IllegalStateException("workspace(...) and runnerTemp(...) are required");
    }
    Files.createDirectories(runnerTemp);
    Map<String, Object> action = load(actionDir.resolve("action.yml"));
    Map<String, Object> runs = map(action.get("runs"), "runs");
    if (!"composite".equals(runs.get("using"))) {
      throw new IllegalStateException("not a composite action: runs.using = " + runs.get("using"));
    }
    List<String> warnings = new ArrayList<>();
    Map<String, String> resolvedInputs = resolveInputs(action, warnings);
    Path bash = findOnHostPath("bash");
    String path = buildPath();

    Map<String, Map<String, String>> stepOutputs = new LinkedHashMap<>();
    Map<String, String> addedEnv = new LinkedHashMap<>();
    List<String> addedPath = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    StringBuilder summary = new StringBuilder();
    int exitCode = 0;

    List<?> stepList = (List<?>) runs.get("steps");
    for (int i = 0; i < stepList.size(); i++) {
      Map<String, Object> s = map(stepList.get(i), "runs.steps[" + i + "]");
      String id = str(s.get("id"));
      String name = str(s.get("name"));
      String where = "step " + (id != null ? id : name != null ? name : "#" + i);
      Context ctx = new Context(resolvedInputs, stepOutputs, where);
      if (exitCode != 0) {
        steps.add(new Step(id, name, str(s.get("uses")), Map.of(), Map.of(), null,
            Status.NOT_RUN, 0, "", "", Map.of(), "", "", Duration.ZERO));
        continue;
      }
      for (String unsupported : List.of("continue-on-error", "timeout-minutes")) {
        if (s.containsKey(unsupported)) {
          throw new IllegalStateException(where + ": '" + unsupported + ":' is not supported");
        }
      }
      if (s.containsKey("if") && !condition(str(s.get("if")), ctx)) {
        steps.add(new Step(id, name, str(s.get("uses")), Map.of(), Map.of(), null,
            Status.SKIPPED_BY_IF, 0, "", "", Map.of(), "", "", Duration.ZERO));
        if (id != null) {
          stepOutputs.put(id, Map.of());
        }
        continue;
      }
      if (s.containsKey("uses")) {
        long started = System.nanoTime();
        Map<String, String> with = new LinkedHashMap<>();
        if (s.get("with") != null) {
          map(s.get("with"), where + ".with").forEach((k, v) -> with.put(k, evaluate(str(v), ctx)));
        }
        String uses = str(s.get("uses"));
        Map<String, String> outputs = Map.of();
        Status status = Status.USES_SKIPPED;
        if (cacheStore != null && (uses.startsWith("actions/cache/restore@")
            || uses.startsWith("actions/cache/save@"))) {
          outputs = simulateCache(uses, with, where);
          status = Status.USES_SIMULATED;
        }
        steps.add(new Step(id, name, uses, with, Map.of(), null, status, 0, "", "", outputs, "",
            "", Duration.ofNanos(System.nanoTime() - started)));
        if (id != null) {
          stepOutputs.put(id, outputs);
        }
        continue;
      }
      String script = str(s.get("run"));
      if (script == null) {
        throw new IllegalStateException(where + ": neither uses: nor run:");
      }
      if (!"bash".equals(s.get("shell"))) {
        throw new IllegalStateException(where + ": shell must be bash, not " + s.get("shell"));
      }
      if (script.contains("${{")) {
        throw new IllegalStateException(where + ": an expression inside run: is not evaluated by"
            + " this harness, and the action must not have one (script injection)");
      }
      Map<String, String> stepEnv = new LinkedHashMap<>();
      if (s.get("env") != null) {
        map(s.get("env"), where + ".env").forEach((k, v) -> stepEnv.put(k, evaluate(str(v), ctx)));
      }
      String wd = s.containsKey("working-directory")
          ? evaluate(str(s.get("working-directory")), ctx) : "";
      Path cwd = workspace.resolve(wd).normalize();
      if (!Files.isDirectory(cwd)) {
        throw new IllegalStateException(where + ": working-directory " + cwd + " does not exist");
      }

      String tag = (id != null ? id : "step" + i) + "_" + UUID.randomUUID();
      Path commands = Files.createDirectories(runnerTemp.resolve("_runner_file_commands"));
      Path outputFile = Files.createFile(commands.resolve("set_output_" + tag));
      Path envFile = Files.createFile(commands.resolve("set_env_" + tag));
      Path pathFile = Files.createFile(commands.resolve("add_path_" + tag));
      Path summaryFile = Files.createFile(commands.resolve("step_summary_" + tag));
      Path scriptFile = runnerTemp.resolve(tag + ".sh");
      Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
      Path stdout = runnerTemp.resolve(tag + ".out");
      Path stderr = runnerTemp.resolve(tag + ".err");

      ProcessBuilder pb = new ProcessBuilder(bash.toString(), "--noprofile", "--norc", "-eo",
          "pipefail", scriptFile.toString());
      pb.directory(cwd.toFile());
      Map<String, String> penv = pb.environment();
      penv.keySet().removeIf(k -> RUNNER_PREFIXES.stream().anyMatch(k::startsWith));
      penv.put("CI", "true");
      penv.put("GITHUB_ACTIONS", "true");
      penv.put("RUNNER_OS", runnerOs);
      penv.put("RUNNER_TEMP", runnerTemp.toString());
      penv.put("GITHUB_WORKSPACE", workspace.toString());
      penv.putAll(addedEnv);
      penv.putAll(env);
      penv.putAll(stepEnv);
      List<String> pathParts = new ArrayList<>(addedPath);
      Collections.reverse(pathParts); // the last added comes first, as on a runner
      pathParts.add(path);
      penv.put("PATH", String.join(File.pathSeparator, pathParts));
      penv.put("GITHUB_ACTION_PATH", actionDir.toString());
      penv.put("GITHUB_OUTPUT", outputFile.toString());
      penv.put("GITHUB_ENV", envFile.toString());
      penv.put("GITHUB_PATH", pathFile.toString());
      penv.put("GITHUB_STEP_SUMMARY", summaryFile.toString());
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.redirectOutput(stdout.toFile());
      pb.redirectError(stderr.toFile());

      long started = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(stepTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException(where + ": did not finish within " + stepTimeout);
      }
      int code = p.exitValue();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

      String outputText = Files.readString(outputFile, StandardCharsets.UTF_8);
      Map<String, String> outputs = parseFileCommand(outputText, where + " GITHUB_OUTPUT");
      addedEnv.putAll(parseFileCommand(Files.readString(envFile, StandardCharsets.UTF_8),
          where + " GITHUB_ENV"));
      Files.readAllLines(pathFile, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank()).forEach(addedPath::add);
      String stepSummary = Files.readString(summaryFile, StandardCharsets.UTF_8);
      summary.append(stepSummary);
      if (id != null) {
        stepOutputs.put(id, outputs);
      }
      steps.add(new Step(id, name, null, Map.of(), stepEnv, cwd, Status.RAN, code,
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8), outputs, outputText, stepSummary,
          elapsed));
      exitCode = code;
    }

    Map<String, String> outputs = new LinkedHashMap<>();
    Object declared = action.get("outputs");
    if (declared != null) {
      Context ctx = new Context(resolvedInputs, stepOutputs, "outputs");
      map(declared, "outputs").forEach((k, v) ->
          outputs.put(k, evaluate(str(map(v, "outputs." + k).get("value")), ctx)));
    }
    return new Result(exitCode, List.copyOf(steps), outputs, summary.toString(),
        List.copyOf(warnings));
  }

  // ---------------------------------------------------------------- the simulated cache

  private static final Pattern IF = Pattern.compile(
      "\\s*(steps\\.[A-Za-z_][A-Za-z0-9_-]*\\.outputs\\.[A-Za-z_][A-Za-z0-9_-]*)\\s*(!=|==)\\s*'([^']*)'\\s*");

  /** A step's {@code if:}: only {@code steps.ID.outputs.NAME != 'VALUE'} (or {@code ==}). */
  private boolean condition(String expr, Context ctx) {
    Matcher m = IF.matcher(expr);
    if (!m.matches()) {
      throw new IllegalStateException(ctx.where() + ": unsupported if: " + expr);
    }
    boolean equal = value(m.group(1), ctx).equals(m.group(3));
    return m.group(2).equals("==") == equal;
  }

  private Map<String, String> simulateCache(String uses, Map<String, String> with, String where)
      throws IOException {
    String key = with.getOrDefault("key", "");
    String pathText = with.getOrDefault("path", "");
    if (key.isEmpty() || pathText.isEmpty() || pathText.contains("\n")
        || pathText.startsWith("~")) {
      throw new IllegalStateException(where + ": the simulated cache needs one absolute path"
          + " and a key, not path=" + pathText + " key=" + key);
    }
    Path path = Path.of(pathText);
    Path entry = cacheStore.resolve(key.replaceAll("[^A-Za-z0-9._-]", "_"));
    if (uses.startsWith("actions/cache/restore@")) {
      if (!Files.isDirectory(entry)) {
        return Map.of("cache-primary-key", key);
      }
      copyTree(entry, path);
      return Map.of("cache-hit", "true", "cache-primary-key", key, "cache-matched-key", key);
    }
    if (!Files.exists(entry) && Files.isDirectory(path)) {
      copyTree(path, entry);
    }
    return Map.of();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.collect(Collectors.toList())) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
              java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  // ---------------------------------------------------------------- inputs and expressions

  private Map<String, String> resolveInputs(Map<String, Object> action, List<String> warnings) {
    Map<String, Object> declared = action.get("inputs") == null
        ? Map.of() : map(action.get("inputs"), "inputs");
    for (String given : inputs.keySet()) {
      if (!declared.containsKey(given)) {
        throw new IllegalArgumentException("the action has no input '" + given + "'");
      }
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    Context defaults = new Context(Map.of(), Map.of(), "inputs");
    for (Map.Entry<String, Object> e : declared.entrySet()) {
      Map<String, Object> spec = e.getValue() == null ? Map.of() : map(e.getValue(), e.getKey());
      if (inputs.containsKey(e.getKey())) {
        resolved.put(e.getKey(), inputs.get(e.getKey())); // literal: the caller evaluated it
      } else {
        if (Boolean.TRUE.equals(spec.get("required")) && !spec.containsKey("default")) {
          // The runner only warns, and the input is empty.
          warnings.add("Input required and not supplied: " + e.getKey());
        }
        String def = spec.get("default") == null ? "" : str(spec.get("default"));
        resolved.put(e.getKey(), evaluate(def, defaults));
      }
    }
    return resolved;
  }

  private record Context(Map<String, String> inputs, Map<String, Map<String, String>> steps,
      String where) {}

  private String evaluate(String text, Context ctx) {
    if (text == null) {
      return "";
    }
    Matcher m = EXPRESSION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1).strip(), ctx)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String value(String expr, Context ctx) {
    Matcher input = INPUT.matcher(expr);
    if (input.matches()) {
      if (!ctx.inputs().containsKey(input.group(1))) {
        throw new IllegalStateException(ctx.where() + ": ${{ " + expr + " }}: no such input");
      }
      return ctx.inputs().get(input.group(1));
    }
    Matcher step = STEP_OUTPUT.matcher(expr);
    if (step.matches()) {
      // An output an earlier step did not set is empty, as on a runner.
      return ctx.steps().getOrDefault(step.group(1), Map.of()).getOrDefault(step.group(2), "");
    }
    switch (expr) {
      case "github.token":
        return githubToken;
      case "github.action_ref":
        return actionRef;
      case "runner.os":
        return runnerOs;
      default:
        throw new IllegalStateException(ctx.where() + ": unsupported expression ${{ " + expr
            + " }} (the harness evaluates inputs.*, github.token, github.action_ref, runner.os"
            + " and steps.*.outputs.*)");
    }
  }

  // ---------------------------------------------------------------- file commands

  /**
   * Parses a GITHUB_OUTPUT or GITHUB_ENV file as the runner does: {@code name=value} lines and
   * {@code name<<DELIMITER} blocks ending at a line that is exactly the delimiter; whichever of
   * {@code =} and {@code <<} comes first decides the form. Blank lines are ignored.
   */
  public static Map<String, String> parseFileCommand(String text, String what) {
    try {
      return RunnerFixture.parseOutputs(text);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- PATH

  private String buildPath() throws IOException {
    List<String> parts = new ArrayList<>();
    pathPrefix.forEach(p -> parts.add(p.toString()));
    String host = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    int shadowCount = 0;
    for (String dir : host.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path d = Path.of(dir);
      boolean holdsHidden = hidden.stream().anyMatch(h -> Files.exists(d.resolve(h)));
      if (!holdsHidden) {
        parts.add(dir);
        continue;
      }
      Path shadow = Files.createDirectories(runnerTemp.resolve("_shadow_path").resolve(
          String.valueOf(shadowCount++)));
      try (Stream<Path> entries = Files.list(d)) {
        for (Path entry : entries.collect(Collectors.toList())) {
          String name = entry.getFileName().toString();
          Path link = shadow.resolve(name);
          if (!hidden.contains(name) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, entry);
          }
        }
      }
      parts.add(shadow.toString());
    }
    return String.join(File.pathSeparator, parts);
  }

  /** The shadow directories' links are removed here, not by whoever cleans up RUNNER_TEMP. */
  private void deleteShadowPath() throws IOException {
    Path shadow = runnerTemp == null ? null : runnerTemp.resolve("_shadow_path");
    if (shadow == null || !Files.isDirectory(shadow, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(shadow)) { // does not follow the links
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }

  private static Path findOnHostPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin")
        .split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalStateException(command + " is not on PATH");
  }

  // ---------------------------------------------------------------- YAML

  /** Loads a YAML file with SnakeYAML's safe constructor (no arbitrary types). */
  public static Map<String, Object> load(Path file) {
    try {
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions()))
          .load(Files.readString(file, StandardCharsets.UTF_8));
      return map(doc, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o, String what) {
    if (!(o instanceof Map)) {
      throw new IllegalStateException(what + " is not a mapping: " + o);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    // YAML 1.1 reads a bare `on` key as true; keep keys as the text a reader sees.
    ((Map<Object, Object>) o).forEach((k, v) -> out.put(
        Boolean.TRUE.equals(k) ? "on" : String.valueOf(k), v));
    return out;
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  // ---------------------------------------------------------------- results

  /** What happened to one step. */
  public enum Status {
    /** A {@code run:} step that ran (see {@link Step#exitCode}). */
    RAN,
    /** A {@code uses:} step: recorded with its evaluated {@code with:}, not run. */
    USES_SKIPPED,
    /** An {@code actions/cache} restore or save, simulated with {@link #cacheStore}. */
    USES_SIMULATED,
    /** A step whose {@code if:} was false. */
    SKIPPED_BY_IF,
    /** After a failing step: not run, as on a runner. */
    NOT_RUN
  }

  /**
   * One step of the run.
   *
   * @param uses the {@code uses:} reference, for a {@code uses:} step
   * @param with its evaluated {@code with:}
   * @param env the evaluated step {@code env:} of a {@code run:} step
   * @param outputFileText the raw {@code GITHUB_OUTPUT} file the step wrote
   * @param summary what the step appended to {@code GITHUB_STEP_SUMMARY}
   * @param elapsed the step's wall time (zero for a step that did not run)
   */
  public record Step(String id, String name, String uses, Map<String, String> with,
      Map<String, String> env, Path workingDirectory, Status status, int exitCode, String stdout,
      String stderr, Map<String, String> outputs, String outputFileText, String summary,
      Duration elapsed) {}

  /**
   * The run.
   *
   * @param exitCode the failing step's exit code, or 0
   * @param outputs the action's {@code outputs:}, mapped from the steps
   * @param summary every step's job-summary text, in order
   * @param warnings what a runner would warn about (a required input not supplied)
   */
  public record Result(int exitCode, List<Step> steps, Map<String, String> outputs, String summary,
      List<String> warnings) {

    /** The step with this {@code id}. */
    public Step step(String id) {
      return steps.stream().filter(s -> id.equals(s.id())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no step with id " + id));
    }

    /** The {@code uses:} references of the skipped steps, in order. */
    public List<String> uses() {
      return steps.stream().map(Step::uses).filter(u -> u != null).collect(Collectors.toList());
    }

    /** Everything the steps printed on standard output, in order. */
    public String stdout() {
      return steps.stream().map(Step::stdout).collect(Collectors.joining());
    }

    /** Everything the steps printed on standard error, in order. */
    public String stderr() {
      return steps.stream().map(Step::stderr).collect(Collectors.joining());
    }

    /**
     * The workflow-command lines ({@code ::error ...::message}) of one command name, from both
     * streams (the runner reads commands from both).
     */
    public List<String> commands(String name) {
      String prefix = "::" + name.toLowerCase(Locale.ROOT);
      return Stream.of(stdout(), stderr()).flatMap(String::lines)
          .filter(l -> l.startsWith(prefix + "::") || l.startsWith(prefix + " "))
          .collect(Collectors.toList());
    }
  }
}
