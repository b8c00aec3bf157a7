package dev.plangate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceCatalogTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ResourceCatalog CATALOG = ResourceCatalog.builtin();

  static Stream<JsonNode> cases() throws Exception {
    try (InputStream in = ResourceCatalogTest.class
        .getResourceAsStream("/catalog/recoverability-cases.json")) {
      List<JsonNode> out = new ArrayList<>();
      MAPPER.readTree(in).forEach(out::add);
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings("unchecked")
  void recoverabilityCases(JsonNode c) {
    CatalogEntry entry = CATALOG.lookup(c.get("type").asText()).orElseThrow();
    Map<String, Object> before = MAPPER.convertValue(c.get("before"), Map.class);
    Recoverability r = entry.assess(before);
    JsonNode expect = c.get("expect");
    assertThat(r.recoverable()).as(c.get("name").asText())
        .isEqualTo(expect.isNull() ? null : expect.asBoolean());
    if (c.has("becauseContains")) {
      assertThat(r.because()).contains(c.get("becauseContains").asText());
    }
  }

  @Test
  void coversTheFourProvidersAndTheRequiredCategories() {
    assertThat(CATALOG.size()).isGreaterThan(100);
    for (String t : List.of("aws_db_instance", "aws_s3_bucket", "aws_ebs_volume",
        "aws_efs_file_system", "aws_kms_key", "aws_secretsmanager_secret", "aws_route53_zone",
        "aws_iam_role", "aws_sqs_queue", "aws_kinesis_stream", "aws_dynamodb_table",
        "google_sql_database_instance", "google_storage_bucket", "google_compute_disk",
        "azurerm_key_vault", "azurerm_storage_account", "azurerm_mssql_database",
        "kubernetes_persistent_volume", "kubernetes_namespace")) {
      assertThat(CATALOG.lookup(t)).as(t).isPresent();
    }
    Set<String> categories = Set.of("database", "bucket", "volume", "file_system", "key",
        "secret", "dns", "identity", "queue", "stream");
    for (String c : categories) {
      assertThat(Stream.of("aws_db_instance", "aws_s3_bucket", "aws_ebs_volume",
              "aws_efs_file_system", "aws_kms_key", "aws_secretsmanager_secret",
              "aws_route53_zone", "aws_iam_role", "aws_sqs_queue", "aws_kinesis_stream")
          .map(t -> CATALOG.lookup(t).orElseThrow().category())).contains(c);
    }
  }

  @Test
  void cloudFormationTypesShareTheirTerraformEquivalentsCategory() {
    Map<String, String> equivalents = Map.of(
        "AWS::RDS::DBInstance", "aws_db_instance",
        "AWS::RDS::DBCluster", "aws_rds_cluster",
        "AWS::S3::Bucket", "aws_s3_bucket",
        "AWS::DynamoDB::Table", "aws_dynamodb_table",
        "AWS::EC2::Volume", "aws_ebs_volume",
        "AWS::EFS::FileSystem", "aws_efs_file_system",
        "AWS::KMS::Key", "aws_kms_key",
        "AWS::SecretsManager::Secret", "aws_secretsmanager_secret",
        "AWS::Logs::LogGroup", "aws_cloudwatch_log_group",
        "AWS::SQS::Queue", "aws_sqs_queue");
    equivalents.forEach((cfn, tf) -> {
      CatalogEntry c = CATALOG.lookup(cfn).orElseThrow(() -> new AssertionError(cfn));
      CatalogEntry t = CATALOG.lookup(tf).orElseThrow();
      assertThat(c.category()).as(cfn).isEqualTo(t.category());
      assertThat(c.dataBearing()).as(cfn).isEqualTo(t.dataBearing());
    });
    // The change set reader keeps these for the policy rules; a plain aws_ type never asks.
    assertThat(CATALOG.rootAttributes("AWS::RDS::DBInstance"))
        .contains("DeletionPolicy", "UpdateReplacePolicy", "DeletionProtection");
    assertThat(CATALOG.rootAttributes("aws_db_instance")).doesNotContain("DeletionPolicy");
  }

  @Test
  void readersKeepOnlyTheAttributesRulesNeed() {
    assertThat(CATALOG.rootAttributes("aws_db_instance"))
        .contains("skip_final_snapshot", "deletion_protection");
    assertThat(CATALOG.rootAttributes("terraform_data")).isEmpty();
    assertThat(CATALOG.allRootAttributes()).containsAll(CATALOG.rootAttributes("aws_kms_key"));
  }

  @Test
  void malformedCatalogueRulesAreRejected() {
    JsonNode bad = MAPPER.valueToTree(Map.of("types", Map.of("x_t", Map.of("category", "database",
        "recoverability", List.of(Map.of("when", List.of(Map.of("path", "a", "is", 1, "gt", 2)),
            "recoverable", true, "because", "b"))))));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResourceCatalog.parse(bad))
        .hasMessageContaining("exactly one");
  }

  /**
   * The catalogue answers for a type however the reader names it, so that the impact analysis
   * needs no per-format branch: a Pulumi token is judged as its Terraform equivalent.
   */
  @Test
  void pulumiTypeTokensAreJudgedAsTheirTerraformEquivalents() {
    CatalogEntry terraform = CATALOG.lookup("aws_db_instance").orElseThrow();
    assertThat(CATALOG.lookup("aws:rds/instance:Instance")).containsSame(terraform);
    assertThat(CATALOG.rootAttributes("aws:rds/instance:Instance"))
        .isEqualTo(CATALOG.rootAttributes("aws_db_instance")).isNotEmpty();
    assertThat(CATALOG.lookup("gcp:sql/databaseInstance:DatabaseInstance")).isPresent();
    assertThat(CATALOG.lookup("AWS::RDS::DBInstance")).isPresent();
    assertThat(CATALOG.lookup("aws-native:rds:DbInstance")).isEmpty();
    assertThat(CATALOG.lookup("pulumi:pulumi:Stack")).isEmpty();
    assertThat(CATALOG.lookup("terraform_data")).isEmpty();
    assertThat(CATALOG.rootAttributes("AWS::Made::Up")).isEmpty();
    assertThat(CATALOG.lookup(null)).isEmpty();
  }

  /** A topic holds no messages and a plain SSM parameter is configuration, not a secret. */
  @Test
  void topicsAndParametersAreCalledWhatTheyAre() {
    for (String t : List.of("aws_sns_topic", "AWS::SNS::Topic", "google_pubsub_topic")) {
      assertThat(CATALOG.lookup(t).orElseThrow().category()).as(t).isEqualTo("topic");
    }
    for (String t : List.of("aws_ssm_parameter", "AWS::SSM::Parameter")) {
      assertThat(CATALOG.lookup(t).orElseThrow().category()).as(t).isEqualTo("parameter");
    }
    assertThat(CATALOG.lookup("aws_secretsmanager_secret").orElseThrow().category())
        .isEqualTo("secret");
  }
}
