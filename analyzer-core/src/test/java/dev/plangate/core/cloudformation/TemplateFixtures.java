package dev.plangate.core.cloudformation;

import dev.plangate.core.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The CloudFormation corpus, and layouts built from it for the template tests. */
final class TemplateFixtures {
  static final Path CORPUS = SharedCorpus.root().resolve("corpus/cloudformation/templates");
  static final Path SPEC = SharedCorpus.root().resolve("corpus/cloudformation/spec");

  private TemplateFixtures() {}

  static Template corpus(String file) throws Exception {
    return TemplateReader.read(CORPUS.resolve(file));
  }

  /**
   * The VPC peering parent with its two children as local files: the corpus parent points at
   * S3 ({@code !Sub https://...}), so its TemplateURLs are rewritten to
   * {@code children/<name>.yaml}, the form a repository holds before
   * {@code aws cloudformation package}. The edits let a test change a child.
   *
   * @return the parent template's path
   */
  static Path nestedPeering(Path dir, UnaryOperator<String> setupEdit,
      UnaryOperator<String> updatesEdit, UnaryOperator<String> parentEdit) throws IOException {
    String parent = Files.readString(CORPUS.resolve("vpcpeering-requester-main.yaml"))
        .replaceAll("TemplateURL: !Sub\\n\\s+- https://\\S+templates/(VPCPeering-[A-Za-z-]+)"
            + "\\.cfn\\.yaml\\n(\\s+[- ] \\S+: !Ref \\S+\\n){3}", "TemplateURL: children/$1.yaml\n");
    if (!parent.contains("TemplateURL: children/VPCPeering-Requester-Setup.yaml")
        || !parent.contains("TemplateURL: children/VPCPeering-Updates.yaml")) {
      throw new IllegalStateException("the corpus parent changed shape; fix the rewrite");
    }
    Files.createDirectories(dir.resolve("children"));
    Files.writeString(dir.resolve("children/VPCPeering-Requester-Setup.yaml"), setupEdit.apply(
        Files.readString(CORPUS.resolve("vpcpeering-requester-setup.yaml"))));
    Files.writeString(dir.resolve("children/VPCPeering-Updates.yaml"), updatesEdit.apply(
        Files.readString(CORPUS.resolve("vpcpeering-updates.yaml"))));
    Path main = dir.resolve("main.yaml");
    Files.writeString(main, parentEdit.apply(parent));
    return main;
  }

  static Path nestedPeering(Path dir) throws IOException {
    return nestedPeering(dir, s -> s, s -> s, s -> s);
  }
}
