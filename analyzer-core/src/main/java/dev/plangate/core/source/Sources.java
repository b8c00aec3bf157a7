package dev.plangate.core.source;

import dev.plangate.core.api.PlanExtras;
import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.io.InputFile;
import dev.plangate.core.io.InputFileException;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.report.Problem;
import dev.plangate.core.terraform.BinaryPlanConverter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one list of plan formats: sniffs each file given, groups what belongs together, and adds
 * the plans the options ask for. Nothing is read here: each {@link Prepared} plan is read when its
 * turn comes, so that problems are reported in the order of the inputs.
 */
public final class Sources {
  /** How much of a file the sources see to decide ({@link Probe#head()}). */
  public static final int SNIFF_BYTES = 64 * 1024;

  private final List<PlanSource> sources;

  /** The built-in sources; the order matters: the first that accepts a file reads it. */
  public Sources(ResourceCatalog catalog) {
    this(List.of(new ChangeSetSource(catalog), new PulumiSource(catalog),
        new TemplateDiffSource(), new TerraformSource(catalog)));
  }

  Sources(List<PlanSource> sources) {
    this.sources = List.copyOf(sources);
  }

  public static Sources builtin() {
    return new Sources(ResourceCatalog.builtin());
  }

  /** One plan to read and the source that reads it. */
  public record Prepared(PlanSource source, SourceInput input) {
    public Plan read() throws PlanReadException {
      return source.read(input);
    }

    public String name() {
      return input.name();
    }
  }

  /** The plans of a run, in order, and every problem found before reading any of them. */
  public record Plans(List<Prepared> plans, List<Problem> problems) {}

  /**
   * Every plan of a run: one per file, except that the files of a grouping source are one plan
   * (after the others), then the plans the options ask for. A file that cannot be opened, and an
   * option combination that cannot be used, is a problem; none throws.
   */
  public Plans plan(List<Path> files, PlanExtras extras, Path repository, String base,
      Vocabulary words) {
    List<Problem> problems = new ArrayList<>();
    List<Prepared> out = new ArrayList<>();
    Map<PlanSource, List<Path>> grouped = new LinkedHashMap<>();
    Set<PlanFormat> given = EnumSet.noneOf(PlanFormat.class);
    for (Path file : files) {
      PlanSource source;
      try {
        source = sniff(file);
      } catch (InputFileException e) {
        problems.add(Problem.of(e));
        continue;
      } catch (IOException e) {
        problems.add(Problem.in(file.toString(), Problem.CODE_UNREADABLE,
            "cannot be read (" + e.getMessage() + ")"));
        continue;
      }
      given.add(source.format());
      if (source.groupsFiles()) {
        grouped.computeIfAbsent(source, s -> new ArrayList<>()).add(file);
      } else {
        out.add(new Prepared(source, new SourceInput(file.toString(), List.of(file), extras,
            repository, base)));
      }
    }
    grouped.forEach((source, group) -> {
      String name = String.join(" + ", group.stream().map(Path::toString).toList());
      out.add(new Prepared(source, new SourceInput(name, group, extras, repository, base)));
    });
    SourceOptions options = new SourceOptions(extras, repository, base, given, words);
    List<String> usage = new ArrayList<>();
    for (PlanSource source : sources) {
      source.fromOptions(options, usage).forEach(i -> out.add(new Prepared(source, i)));
    }
    usage.forEach(u -> problems.add(Problem.general(Problem.CODE_USAGE, u)));
    return new Plans(out, problems);
  }

  /**
   * The source that reads {@code file}: the first that accepts its head.
   *
   * @throws InputFileException when the file is not a regular file within the size limit
   */
  public PlanSource sniff(Path file) throws IOException {
    // A FIFO, device or directory is refused here, before anything opens it (a FIFO would block).
    InputFile.check(file, file.toString(), InputFile.MAX_PLAN_BYTES);
    Probe probe;
    if (BinaryPlanConverter.isBinaryPlan(file)) {
      probe = new Probe(file, new byte[0], true);
    } else {
      try (var in = InputFile.open(file, file.toString(), InputFile.MAX_PLAN_BYTES)) {
        probe = new Probe(file, in.readNBytes(SNIFF_BYTES), false);
      }
    }
    for (PlanSource source : sources) {
      if (source.accepts(probe)) {
        return source;
      }
    }
    throw new IllegalStateException("no source accepts " + file + "; the last must accept all");
  }

  /** The registered source of {@code type}, for callers that read one format directly. */
  public <T extends PlanSource> T get(Class<T> type) {
    for (PlanSource s : sources) {
      if (type.isInstance(s)) {
        return type.cast(s);
      }
    }
    throw new IllegalArgumentException("no source " + type.getSimpleName());
  }
}
