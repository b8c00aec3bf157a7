package dev.plangate.core.cloudformation;

import dev.plangate.core.testing.SharedCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Template fixtures: the project's own nested-stack layout, and the public corpus when present. */
final class TemplateFixtures {
  /** The public corpus's templates; only {@code @CorpusTest} tests may read them. */
  static final Path CORPUS = SharedCorpus.corpus().resolve("cloudformation/templates");
  static final Path SPEC = SharedCorpus.corpus().resolve("cloudformation/spec");

  private TemplateFixtures() {}

  static Template corpus(String file) throws Exception {
    return TemplateReader.read(CORPUS.resolve(file));
  }

  /** One of the project's own nested-peering templates (src/test/resources). */
  static String peering(String name) {
    try (InputStream in = TemplateFixtures.class.getResourceAsStream(
        "/cloudformation/nested-peering/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource nested-peering/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A VPC peering parent with its two children as local files ({@code children/<name>.yaml},
   * the form a repository holds before {@code aws cloudformation package}). The edits let a
   * test change a child or the parent.
   *
   * @return the parent template's path
   */
  static Path nestedPeering(Path dir, UnaryOperator<String> setupEdit,
      UnaryOperator<String> updatesEdit, UnaryOperator<String> parentEdit) throws IOException {
    Files.createDirectories(dir.resolve("children"));
    Files.writeString(dir.resolve("children/VPCPeering-Requester-Setup.yaml"),
        setupEdit.apply(peering("VPCPeering-Requester-Setup.yaml")));
    Files.writeString(dir.resolve("children/VPCPeering-Updates.yaml"),
        updatesEdit.apply(peering("VPCPeering-Updates.yaml")));
    Path main = dir.resolve("main.yaml");
    Files.writeString(main, parentEdit.apply(peering("main.yaml")));
    return main;
  }

  static Path nestedPeering(Path dir) throws IOException {
    return nestedPeering(dir, s -> s, s -> s, s -> s);
  }
}
