package dev.plangate.core.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Produces real Terraform plans from the scenario fixtures in
 * {@code analyzer-core/src/test/resources/terraform-scenarios/<scenario>/}.
 *
 * <p>Each scenario has a {@code before/} configuration that is applied, an {@code after/} configuration that is then
 * planned, and a {@code scenario.properties} with {@code description=} and optional {@code planArgs=} (extra
 * space-separated arguments for {@code terraform plan}). Only the builtin {@code terraform_data} resource is used, so
 * no provider is downloaded and everything works offline.
 *
 * <pre>{@code
 * assumeTrue(TerraformScenarios.available(), "terraform not on PATH: skipping real-Terraform test");
 * Path plan = TerraformScenarios.plan("module-rename", tempDir);
 * }</pre>
 */
public final class TerraformScenarios {

    /** Per-command time limit. */
    public static final long TIMEOUT_SECONDS = 120;

    private static final int TAIL_LINES = 20;
    private static final String SCENARIOS = "terraform-scenarios";
    private static final String PLAN_FILE = "plan.tfplan";
    private static final String PLAN_JSON = "plan.json";

    private static volatile Boolean available;

    private TerraformScenarios() {
    }

    /**
     * True when a {@code terraform} executable is on PATH and {@code terraform version} exits 0. The answer is cached.
     */
    public static boolean available() {
        Boolean cached = available;
        if (cached == null) {
            synchronized (TerraformScenarios.class) {
                cached = available;
                if (cached == null) {
                    cached = probe();
                    available = cached;
                }
            }
        }
        return cached;
    }

    /** The directory that holds the scenario fixtures (source tree, not the classpath copy). */
    public static Path scenariosDir() {
        Path fromRoot = Path.of(System.getProperty("plangate.root", ".."))
                .resolve("analyzer-core/src/test/resources").resolve(SCENARIOS);
        if (Files.isDirectory(fromRoot)) {
            return fromRoot.toAbsolutePath().normalize();
        }
        Path local = Path.of("src/test/resources").resolve(SCENARIOS);
        if (Files.isDirectory(local)) {
            return local.toAbsolutePath().normalize();
        }
        throw new UncheckedIOException(new IOException(
                "terraform scenarios not found at " + fromRoot.toAbsolutePath().normalize() + " or "
                        + local.toAbsolutePath().normalize() + " (set -Dplangate.root=<repo root>)"));
    }

    /**
     * Applies {@code before/}, swaps in the {@code *.tf} files of {@code after/}, plans (with the scenario's
     * {@code planArgs}) and writes {@code terraform show -json} of the plan.
     *
     * @param scenario name of a directory under {@code terraform-scenarios/}
     * @param workDir  a scratch directory (e.g. a JUnit {@code @TempDir}); the scenario runs in
     *                 {@code workDir/<scenario>}, which must not exist yet
     * @return {@code workDir/<scenario>/plan.json}; the binary plan is next to it (see {@link #binaryPlan(Path)})
     */
    public static Path plan(String scenario, Path workDir) throws IOException, InterruptedException {
        Path source = scenariosDir().resolve(scenario);
        Path before = source.resolve("before");
        Path after = source.resolve("after");
        if (!Files.isDirectory(before) || !Files.isDirectory(after)) {
            throw new IOException("unknown terraform scenario '" + scenario + "': expected " + before + " and " + after);
        }
        List<String> planArgs = planArgs(source.resolve("scenario.properties"));

        Files.createDirectories(workDir);
        Path dir = workDir.resolve(scenario);
        if (Files.exists(dir)) {
            throw new IOException("scenario work directory already exists: " + dir);
        }
        Path cliConfig = workDir.resolve("terraform-cli-config.tfrc");
        if (!Files.exists(cliConfig)) {
            Files.writeString(cliConfig, "", StandardCharsets.UTF_8);
        }
        Path logs = workDir.resolve(scenario + "-logs");
        Files.createDirectories(logs);

        copyTree(before, dir);
        run(dir, cliConfig, logs, "init-before", null, "init", "-input=false", "-no-color");
        run(dir, cliConfig, logs, "apply", null, "apply", "-auto-approve", "-input=false", "-no-color");

        deleteTfFiles(dir);
        copyTree(after, dir);
        // A renamed or added module call (even a local one) is "not installed" until init runs again.
        run(dir, cliConfig, logs, "init-after", null, "init", "-input=false", "-no-color");

        List<String> plan = new ArrayList<>(List.of("plan", "-input=false", "-no-color", "-out=" + PLAN_FILE));
        plan.addAll(planArgs);
        run(dir, cliConfig, logs, "plan", null, plan.toArray(String[]::new));

        Path planJson = dir.resolve(PLAN_JSON);
        run(dir, cliConfig, logs, "show", planJson, "show", "-json", PLAN_FILE);
        return planJson;
    }

    /** The binary plan ({@code plan.tfplan}) that {@link #plan(String, Path)} left next to {@code plan.json}. */
    public static Path binaryPlan(Path planJson) {
        return planJson.resolveSibling(PLAN_FILE);
    }

    /** The one-line {@code description} of a scenario. */
    public static String description(String scenario) throws IOException {
        return load(scenariosDir().resolve(scenario).resolve("scenario.properties")).getProperty("description", "");
    }

    // ------------------------------------------------------------------------------------------------------------

    private static boolean probe() {
        if (findOnPath() == null) {
            return false;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("plangate-tf-probe");
            Path cliConfig = tmp.resolve("empty.tfrc");
            Files.writeString(cliConfig, "", StandardCharsets.UTF_8);
            run(tmp, cliConfig, tmp, "version", null, "version");
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (tmp != null) {
                try {
                    deleteRecursively(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static Path findOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        List<String> names = windows ? List.of("terraform.exe", "terraform") : List.of("terraform");
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            for (String name : names) {
                Path candidate = Path.of(entry, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * Runs {@code terraform <args>} in {@code dir}. Output goes to {@code logs/<step>.log}; when {@code stdout} is set,
     * standard output goes there instead and standard error to the log.
     */
    private static void run(Path dir, Path cliConfig, Path logs, String step, Path stdout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("terraform");
        command.addAll(Arrays.asList(args));
        Path log = logs.resolve(step + ".log");

        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        // A user's TF_CLI_ARGS*, TF_WORKSPACE, TF_DATA_DIR, ... must not change what the scenario produces.
        env.keySet().removeIf(k -> k.startsWith("TF_"));
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("TF_IN_AUTOMATION", "1");
        env.put("TF_INPUT", "0");
        env.put("TF_CLI_CONFIG_FILE", cliConfig.toAbsolutePath().toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (stdout == null) {
            pb.redirectErrorStream(true);
            pb.redirectOutput(log.toFile());
        } else {
            pb.redirectOutput(stdout.toFile());
            pb.redirectError(log.toFile());
        }

        String shown = String.join(" ", command) + " (in " + dir + ")";
        Process process = pb.start();
        boolean finished;
        try {
            finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        if (!finished) {
            kill(process);
            throw new IOException("timed out after " + TIMEOUT_SECONDS + " s: " + shown + tail(log));
        }
        int exit = process.exitValue();
        if (exit != 0) {
            throw new IOException("exit " + exit + ": " + shown + tail(log));
        }
    }

    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static File nullDevice() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
        return new File(windows ? "NUL" : "/dev/null");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return "\n--- last " + last.size() + " lines of output ---\n" + String.join("\n", last);
        } catch (IOException | UncheckedIOException e) {
            return "\n(no output captured: " + e.getMessage() + ")";
        }
    }

    private static List<String> planArgs(Path properties) throws IOException {
        if (!Files.exists(properties)) {
            return List.of();
        }
        String value = load(properties).getProperty("planArgs", "").trim();
        return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
    }

    private static Properties load(Path properties) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(properties)) {
            p.load(in);
        }
        return p;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path src : (Iterable<Path>) paths::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.createDirectories(dst.getParent());
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Deletes every {@code *.tf} / {@code *.tf.json} below {@code dir} (skipping {@code .terraform/}). */
    private static void deleteTfFiles(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return d.getFileName().toString().equals(".terraform") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (name.endsWith(".tf") || name.endsWith(".tf.json")) {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
