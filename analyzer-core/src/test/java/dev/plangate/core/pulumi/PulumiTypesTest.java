package dev.plangate.core.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.catalog.ResourceCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PulumiTypesTest {

  @Test
  void bridgedTokensFollowModuleAndName() {
    assertThat(PulumiTypes.terraformType("aws:s3/bucket:Bucket")).isEqualTo("aws_s3_bucket");
    assertThat(PulumiTypes.terraformType("aws:dynamodb/table:Table"))
        .isEqualTo("aws_dynamodb_table");
    assertThat(PulumiTypes.terraformType("aws:cloudwatch/logGroup:LogGroup"))
        .isEqualTo("aws_cloudwatch_log_group");
    assertThat(PulumiTypes.terraformType("aws:rds/clusterInstance:ClusterInstance"))
        .isEqualTo("aws_rds_cluster_instance");
    assertThat(PulumiTypes.terraformType("gcp:sql/databaseInstance:DatabaseInstance"))
        .isEqualTo("google_sql_database_instance");
    assertThat(PulumiTypes.terraformType("azure:storage/account:Account"))
        .isEqualTo("azurerm_storage_account");
  }

  @Test
  void indexModulesAndEc2DropTheModuleAndThePackageIsNotRepeated() {
    assertThat(PulumiTypes.terraformType("random:index/randomString:RandomString"))
        .isEqualTo("random_string");
    assertThat(PulumiTypes.terraformType("tls:index/privateKey:PrivateKey"))
        .isEqualTo("tls_private_key");
    assertThat(PulumiTypes.terraformType("aws:ec2/securityGroup:SecurityGroup"))
        .isEqualTo("aws_security_group");
    assertThat(PulumiTypes.terraformType("aws:ec2/vpc:Vpc")).isEqualTo("aws_vpc");
  }

  @Test
  void tokensTheBridgeNamedIrregularlyComeFromTheTable() {
    assertThat(PulumiTypes.terraformType("aws:rds/instance:Instance")).isEqualTo("aws_db_instance");
    assertThat(PulumiTypes.terraformType("aws:rds/snapshot:Snapshot")).isEqualTo("aws_db_snapshot");
    assertThat(PulumiTypes.terraformType("aws:s3/bucketV2:BucketV2")).isEqualTo("aws_s3_bucket");
    assertThat(PulumiTypes.terraformType("azure:keyvault/keyVault:KeyVault"))
        .isEqualTo("azurerm_key_vault");
  }

  @Test
  void kubernetesKindsMapToTheirTerraformNamesakes() {
    assertThat(PulumiTypes.terraformType("kubernetes:core/v1:PersistentVolume"))
        .isEqualTo("kubernetes_persistent_volume");
    assertThat(PulumiTypes.terraformType("kubernetes:apps/v1:StatefulSet"))
        .isEqualTo("kubernetes_stateful_set");
  }

  @Test
  void internalsNativeProvidersAndMalformedTokensMapToNothing() {
    assertThat(PulumiTypes.terraformType("pulumi:pulumi:Stack")).isNull();
    assertThat(PulumiTypes.terraformType("pulumi:providers:aws")).isNull();
    assertThat(PulumiTypes.terraformType("aws-native:s3:Bucket")).isNull();
    assertThat(PulumiTypes.terraformType("my:component:Thing")).isNull();
    assertThat(PulumiTypes.terraformType("aws_s3_bucket")).isNull();
    assertThat(PulumiTypes.terraformType(null)).isNull();
  }

  @Test
  void criticalPulumiTypesFindTheirCatalogueEntry() {
    ResourceCatalog catalog = ResourceCatalog.builtin();
    List<String> tokens = List.of("aws:rds/instance:Instance", "aws:rds/cluster:Cluster",
        "aws:dynamodb/table:Table", "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2",
        "aws:kms/key:Key", "aws:efs/fileSystem:FileSystem", "aws:ebs/volume:Volume",
        "aws:secretsmanager/secret:Secret", "aws:iam/role:Role", "aws:ec2/vpc:Vpc",
        "aws:opensearch/serverlessCollection:ServerlessCollection",
        "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
        "gcp:sql/databaseInstance:DatabaseInstance", "gcp:storage/bucket:Bucket",
        "gcp:secretmanager/secret:Secret", "gcp:organizations/project:Project",
        "azure:storage/account:Account", "azure:core/resourceGroup:ResourceGroup",
        "azure:keyvault/secret:Secret", "azure:eventhub/eventHub:EventHub",
        "kubernetes:core/v1:Namespace", "kubernetes:core/v1:PersistentVolumeClaim");
    for (String token : tokens) {
      assertThat(catalog.lookup(PulumiTypes.terraformType(token)))
          .as(token + " -> " + PulumiTypes.terraformType(token)).isPresent();
    }
  }

  @Test
  void propertyNamesBecomeSnakeCase() {
    assertThat(PulumiTypes.snake("skipFinalSnapshot")).isEqualTo("skip_final_snapshot");
    assertThat(PulumiTypes.snake("ipv6CidrBlock")).isEqualTo("ipv6_cidr_block");
    assertThat(PulumiTypes.snake("HTTPServer")).isEqualTo("http_server");
    assertThat(PulumiTypes.snake("RandomString")).isEqualTo("random_string");
    assertThat(PulumiTypes.snake("already_snake")).isEqualTo("already_snake");
  }

  @Test
  void flattenedBlocksAreWrappedSoCataloguePathsResolve() {
    Object shaped = PulumiTypes.terraformShape(
        Map.of("enabled", true, "finalBackupConfig", Map.of("enabled", false)));
    assertThat(shaped).isEqualTo(
        List.of(Map.of("enabled", true, "final_backup_config", List.of(Map.of("enabled", false)))));
    assertThat(PulumiTypes.terraformShape(List.of(Map.of("retentionDays", 7), 3)))
        .isEqualTo(List.of(Map.of("retention_days", 7), 3));
    assertThat(PulumiTypes.terraformShape(true)).isEqualTo(true);
  }
}
