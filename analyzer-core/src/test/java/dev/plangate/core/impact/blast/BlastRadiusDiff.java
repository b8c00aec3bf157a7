package dev.plangate.core.impact.blast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.report.Report;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The differential harness: for each seed, a random configuration is applied with the real
 * {@code terraform} (builtin {@code terraform_data} only, local state), its state is read as the
 * oracle, and several random edits of it are each planned and analysed by plangate in-process.
 * See {@link StateOracle} for what is compared.
 */
public final class BlastRadiusDiff {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 120;

  /** Totals over a run. */
  public static final class Figures {
    public int seeds;
    public int plans;
    public int refused;
    public final StateOracle.Result totals = new StateOracle.Result();
    public final List<String> refusals = new ArrayList<>();

    /** One line. */
    public String summary() {
      return String.join("; ", lines());
    }

    /** The figures, one per line. */
    public List<String> lines() {
      return List.of(
          "plans: " + plans + " (" + seeds + " seeds; " + refused
              + " further edits refused by terraform, not counted)",
          "findings: " + totals.findings + " ("
              + (totals.problems.isEmpty() ? "all" : "not all")
              + " equal to resource_changes in address and action)",
          "dependents expected: " + totals.expectedCertain
              + " (finding-dependent pairs the applied state proves)",
          "missed: " + totals.missed,
          "over-approximated instances: " + totals.overApproximated + " (" + totals.overApproximatedNew
              + " of them created by the plan)",
          "listed where the state allows but does not prove the dependency: "
              + totals.listedPossible,
          "dependencies cut by the edit itself on resources the plan leaves alone (not expected): "
              + totals.severed,
          "problems: " + totals.problems.size());
    }
  }

  private BlastRadiusDiff() {}

  /** Seeds {@code first .. first+seeds-1}, {@code editsPerSeed} edits of each. */
  public static Figures run(long first, int seeds, int editsPerSeed, int threads, Path work)
      throws Exception {
    Figures fig = new Figures();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Figures>> futures = new ArrayList<>();
      for (long s = first; s < first + seeds; s++) {
        long seed = s;
        futures.add(pool.submit(() -> runSeed(seed, editsPerSeed, work.resolve("s" + seed))));
      }
      for (Future<Figures> f : futures) {
        Figures one = f.get();
        fig.seeds += one.seeds;
        fig.plans += one.plans;
        fig.refused += one.refused;
        fig.refusals.addAll(one.refusals);
        fig.totals.add(one.totals);
      }
    } finally {
      pool.shutdownNow();
    }
    return fig;
  }

  static Figures runSeed(long seed, int edits, Path dir) throws Exception {
    Figures fig = new Figures();
    fig.seeds = 1;
    Path base = dir.resolve("base");
    write(base, new RandomConfig(seed).render());
    try {
      terraform(base, null, "apply", "-auto-approve", "-input=false", "-no-color");
    } catch (IOException refused) {
      fig.refusals.add("seed " + seed + " base configuration: " + refused.getMessage());
      return fig;
    }
    Path stateJson = base.resolve("state.json");
    terraform(base, stateJson, "show", "-json");
    StateOracle oracle = new StateOracle(JSON.readTree(stateJson.toFile()));
    RandomConfig base0 = new RandomConfig(seed);
    for (int e = 0; e < edits; e++) {
      RandomConfig config = new RandomConfig(seed);
      List<String> what = config.edit(seed * 1000 + e);
      String label = "seed " + seed + " edit " + e + " " + what;
      Path planDir = dir.resolve("e" + e);
      write(planDir, config.render());
      Files.copy(base.resolve("terraform.tfstate"), planDir.resolve("terraform.tfstate"),
          StandardCopyOption.REPLACE_EXISTING);
      try {
        terraform(planDir, null, "plan", "-input=false", "-no-color", "-out=plan.tfplan");
      } catch (IOException refused) {
        fig.refused++;
        fig.refusals.add(label + ": " + refused.getMessage());
        continue;
      }
      Path planJson = planDir.resolve("plan.json");
      terraform(planDir, planJson, "show", "-json", "plan.tfplan");
      Report report = new Pipeline().check(CheckRequest.plansOnly(List.of(planJson)));
      if (!report.errors().isEmpty()) {
        fig.totals.problems.add(label + ": plangate errors " + report.errors());
      }
      List<Finding> findings = report.findings();
      fig.plans++;
      fig.totals.add(oracle.compare(JSON.readTree(planJson.toFile()), findings,
          label + " (" + planDir + ")", config.renamesFrom(base0)));
    }
    return fig;
  }

  private static void write(Path dir, Map<String, String> files) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> old = Files.walk(dir)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = dir.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** Runs terraform in {@code dir}; fails with the tail of its output on a non-zero exit. */
  static void terraform(Path dir, Path stdout, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("terraform");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("TF_"));
    env.put("CHECKPOINT_DISABLE", "1");
    env.put("TF_IN_AUTOMATION", "1");
    env.put("TF_INPUT", "0");
    env.put("TF_CLI_CONFIG_FILE", "/dev/null");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path log = dir.resolve("terraform-" + args[0] + ".log");
    if (stdout == null) {
      pb.redirectErrorStream(true);
      pb.redirectOutput(log.toFile());
    } else {
      pb.redirectOutput(stdout.toFile());
      pb.redirectError(log.toFile());
    }
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("terraform " + args[0] + " timed out in " + dir);
    }
    if (p.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()))
          .replaceAll("\\s+", " ");
      throw new IOException("terraform " + args[0] + " exit " + p.exitValue() + ": " + tail);
    }
  }

  /**
   * The version of the terraform on PATH as {major, minor}, or null when it cannot be run. The
   * harness writes {@code removed} blocks, which need 1.7.
   */
  static int[] terraformVersion() {
    try {
      Path dir = Files.createTempDirectory("plangate-tf-version");
      Path out = dir.resolve("version.json");
      try {
        terraform(dir, out, "version", "-json");
        String v = JSON.readTree(out.toFile()).path("terraform_version").asText("");
        String[] parts = v.split("\\.");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
      } finally {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Command line for the bench: FIRST_SEED SEEDS EDITS_PER_SEED THREADS WORKDIR. */
  public static void main(String[] args) throws Exception {
    Figures f = run(Long.parseLong(args[0]), Integer.parseInt(args[1]),
        Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
    for (String p : f.totals.problems) {
      System.out.println("PROBLEM " + p);
    }
    for (String p : f.refusals) {
      System.out.println("REFUSED " + p);
    }
    f.lines().forEach(System.out::println);
    System.exit(f.totals.problems.isEmpty() ? 0 : 1);
  }
}
