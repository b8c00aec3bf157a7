package dev.plangate.core.cloudformation;

import static dev.plangate.core.cloudformation.TemplateFixtures.SPEC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.cloudformation.TemplateReplacementRules.Effect;
import dev.plangate.core.testing.CorpusTest;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateReplacementRulesTest {
  private static final TemplateReplacementRules RULES = TemplateReplacementRules.builtin();

  @CorpusTest
  @Test
  void theDataSaysWhereItsFactsCameFromAndIsLoadedOnce() throws Exception {
    String manifest = Files.readString(SPEC.resolve("MANIFEST.tsv"));
    assertThat(manifest).contains("@aws-cdk/aws-service-spec@0.1.216");
    assertThat(RULES.source()).startsWith("@aws-cdk/aws-service-spec@0.1.216");
    assertThat(TemplateReplacementRules.builtin()).isSameAs(RULES);
  }

  /** The generated JSON is exactly the spec TSVs: regenerate it with the script if this fails. */
  @CorpusTest
  @Test
  void everySpecRowIsInTheGeneratedData() throws Exception {
    List<String> types = Files.readAllLines(SPEC.resolve("resource-types.tsv"));
    assertThat(types.get(0)).startsWith("resource_type\tis_stateful");
    assertThat(RULES.typeCount()).isEqualTo(types.size() - 1);
    for (String line : types.subList(1, types.size())) {
      String[] f = line.split("\t", -1);
      assertThat(RULES.knows(f[0])).as(f[0]).isTrue();
      assertThat(RULES.isStateful(f[0])).as(f[0]).isEqualTo(f[1].equals("true"));
    }
    List<String> rows = Files.readAllLines(SPEC.resolve("replacement-properties.tsv"));
    assertThat(rows.get(0)).isEqualTo(
        "resource_type\tproperty\tcauses_replacement\tresource_is_stateful");
    int replacing = 0;
    for (String line : rows.subList(1, rows.size())) {
      String[] f = line.split("\t", -1);
      Effect expected = f[2].equals("yes") ? Effect.REPLACE : Effect.MAY_REPLACE;
      assertThat(RULES.effect(f[0], f[1])).as(f[0] + "." + f[1]).isEqualTo(expected);
      replacing++;
    }
    assertThat(replacing).isEqualTo(4483);
    int listed = types.subList(1, types.size()).stream()
        .mapToInt(l -> RULES.replacingProperties(l.split("\t")[0]).size()).sum();
    assertThat(listed).as("nothing beyond the TSV").isEqualTo(replacing);
  }

  @Test
  void knownFactsReadAsExpected() {
    assertThat(RULES.effect("AWS::EC2::Instance", "ImageId")).isEqualTo(Effect.REPLACE);
    assertThat(RULES.effect("AWS::EC2::Instance", "UserData")).isEqualTo(Effect.MAY_REPLACE);
    assertThat(RULES.effect("AWS::EC2::Instance", "Tags")).isEqualTo(Effect.UPDATE);
    assertThat(RULES.effect("AWS::EFS::FileSystem", "Encrypted")).isEqualTo(Effect.REPLACE);
    assertThat(RULES.isStateful("AWS::S3::Bucket")).isTrue();
    assertThat(RULES.isStateful("AWS::SNS::Topic")).isFalse();
    assertThat(RULES.knows("Custom::LambdaVersion")).isFalse();
    assertThat(RULES.isStateful("Custom::LambdaVersion")).isFalse();
  }
}
