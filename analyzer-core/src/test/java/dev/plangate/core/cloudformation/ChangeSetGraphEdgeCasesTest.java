package dev.plangate.core.cloudformation;

import static dev.plangate.core.cloudformation.ChangeSets.edges;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ResourceChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change set's graph from its templates, at the edges: the change set's own edges are kept, an
 * edge the old template had between two resources that both remain is not, and the removed
 * resources are named (the first three) in the warning.
 */
class ChangeSetGraphEdgeCasesTest {
  @TempDir Path dir;

  private static final String TOPIC_ON_KEY = "{\"Type\": \"Resource\", \"ResourceChange\":"
      + " {\"Action\": \"Modify\", \"LogicalResourceId\": \"Topic\", \"ResourceType\":"
      + " \"AWS::SNS::Topic\", \"Replacement\": \"False\", \"Scope\": [\"Properties\"],"
      + " \"Details\": [{\"Target\": {\"Attribute\": \"Properties\", \"Name\": \"KmsMasterKeyId\","
      + " \"RequiresRecreation\": \"Never\"}, \"Evaluation\": \"Static\", \"ChangeSource\":"
      + " \"ResourceReference\", \"CausingEntity\": \"Key\"}]}}";
  private static final String KEY = "{\"Type\": \"Resource\", \"ResourceChange\": {\"Action\":"
      + " \"Modify\", \"LogicalResourceId\": \"Key\", \"ResourceType\": \"AWS::KMS::Key\","
      + " \"Replacement\": \"False\", \"Scope\": [], \"Details\": []}}";

  private static String removed(String id) {
    return "{\"Type\": \"Resource\", \"ResourceChange\": {\"Action\": \"Remove\","
        + " \"LogicalResourceId\": \"" + id + "\", \"ResourceType\": \"AWS::SQS::Queue\","
        + " \"PolicyAction\": \"Delete\", \"Scope\": [], \"Details\": []}}";
  }

  private Plan changeSet(String... changes) throws Exception {
    Path cs = Files.writeString(dir.resolve("cs.json"), "{\"ChangeSetId\": \"cs\", \"Changes\": ["
        + String.join(", ", changes) + "]}");
    return new ChangeSetReader(ResourceCatalog.builtin()).read(cs, "cs.json");
  }

  private TemplateGraph graph(String name, String yaml) throws Exception {
    return TemplateGraph.of(TemplateReader.read(Files.writeString(dir.resolve(name), yaml)));
  }

  private static final String AFTER = """
      Resources:
        Key: {Type: AWS::KMS::Key}
        Topic: {Type: AWS::SNS::Topic}
      """;

  @Test
  void theChangeSetsOwnEdgesStayAndOnlyItsRemovalsAreNamedThreeAtMost() throws Exception {
    Plan p = ChangeSetGraph.withTemplates(changeSet(TOPIC_ON_KEY, KEY, removed("A"),
        removed("B"), removed("C"), removed("D")), graph("after.yaml", AFTER), null, null);
    assertThat(edges(p)).containsExactly("Topic -> Key");
    assertThat(p.dependenciesKnown()).isFalse();
    assertThat(p.warnings()).singleElement().asString()
        .startsWith("Dependencies unknown for A, B, C and 1 more: the change set removes them");
  }

  @Test
  void threeRemovalsAreAllNamed() throws Exception {
    Plan p = ChangeSetGraph.withTemplates(changeSet(KEY, removed("A"), removed("B"),
        removed("C")), graph("after.yaml", AFTER), graph("before.yaml", AFTER), "before.yaml");
    assertThat(p.warnings()).containsExactly("What depended on A, B, C (removed by the change"
        + " set) comes from the template before the change, before.yaml.");
  }

  @Test
  void withoutRemovalsTheNewTemplateAloneKnowsTheDependencies() throws Exception {
    Plan p = ChangeSetGraph.withTemplates(changeSet(KEY), graph("after.yaml", """
        Resources:
          Key: {Type: AWS::KMS::Key}
          Topic: {Type: AWS::SNS::Topic, Properties: {KmsMasterKeyId: !Ref Key}}
        """), null, null);
    assertThat(p.dependenciesKnown()).isTrue();
    assertThat(p.warnings()).isEmpty();
    assertThat(p.changes()).extracting(ResourceChange::address).as("Key once, as listed")
        .containsExactly("Key", "Topic");
    assertThat(p.changes().get(0).listed()).isTrue();
    assertThat(edges(p)).containsExactly("Topic -> Key");
  }

  @Test
  void anOldEdgeBetweenTwoResourcesThatRemainIsDropped() throws Exception {
    Plan p = ChangeSetGraph.withTemplates(changeSet(KEY), graph("after.yaml", AFTER),
        graph("before.yaml", """
            Resources:
              Key: {Type: AWS::KMS::Key}
              Topic: {Type: AWS::SNS::Topic, Properties: {KmsMasterKeyId: !Ref Key}}
            """), "before.yaml");
    assertThat(edges(p)).isEmpty();
    assertThat(p.dependenciesKnown()).isTrue();
  }
}
