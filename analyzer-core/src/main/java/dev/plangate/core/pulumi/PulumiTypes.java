package dev.plangate.core.pulumi;

import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps Pulumi type tokens and property names to their Terraform equivalents, so that the resource
 * catalogue (keyed by Terraform type names and attribute paths) also judges Pulumi resources.
 *
 * <p>The Pulumi providers {@code aws}, {@code gcp}, {@code azure} (classic), {@code random},
 * {@code tls} and most others are generated from the Terraform providers: a token
 * {@code <package>:<module>/<camelName>:<Name>} names the Terraform type
 * {@code <tfPrefix>_<module>_<snake_name>} ({@code aws:s3/bucket:Bucket} is {@code aws_s3_bucket},
 * {@code gcp:sql/databaseInstance:DatabaseInstance} is {@code google_sql_database_instance}), and
 * property names are the Terraform attribute names in camelCase. Where the bridge chose a token
 * that breaks the pattern ({@code aws:rds/instance:Instance} is {@code aws_db_instance}; EC2 types
 * carry no {@code ec2_}), a small table says so. The {@code kubernetes} provider is not generated
 * from Terraform, but its kinds have obvious Terraform namesakes ({@code kubernetes_namespace}).
 * Native providers ({@code aws-native}, {@code azure-native}, {@code google-native}) have no
 * Terraform equivalent and map to nothing.
 */
public final class PulumiTypes {
  /** Pulumi package name to the Terraform provider's type prefix. */
  private static final Map<String, String> PREFIXES = Map.of(
      "aws", "aws",
      "gcp", "google",
      "azure", "azurerm",
      "kubernetes", "kubernetes");

  /** Packages generated from a Terraform provider of the same name. */
  private static final Set<String> SAME_NAME_BRIDGED = Set.of(
      "random", "tls", "azuread", "cloudflare", "datadog", "github", "gitlab", "digitalocean",
      "vault", "consul", "nomad", "newrelic", "fastly", "linode", "hcloud", "vsphere",
      "openstack", "oci", "alicloud", "snowflake", "mongodbatlas", "confluentcloud", "auth0",
      "okta", "pagerduty", "postgresql", "mysql", "archive", "http", "null", "time", "external");

  /**
   * Tokens whose Terraform type does not follow the pattern. The aws entries are checked against
   * pulumi-aws {@code provider/resources.go}; only catalogue types and their near neighbours are
   * listed, since a miss only costs the catalogue's opinion, never a finding.
   */
  private static final Map<String, String> EXCEPTIONS = Map.ofEntries(
      entry("aws:rds/instance:Instance", "aws_db_instance"),
      entry("aws:rds/snapshot:Snapshot", "aws_db_snapshot"),
      entry("aws:rds/clusterSnapshot:ClusterSnapshot", "aws_db_cluster_snapshot"),
      entry("aws:rds/optionGroup:OptionGroup", "aws_db_option_group"),
      entry("aws:rds/parameterGroup:ParameterGroup", "aws_db_parameter_group"),
      entry("aws:rds/subnetGroup:SubnetGroup", "aws_db_subnet_group"),
      entry("aws:iam/openIdConnectProvider:OpenIdConnectProvider",
          "aws_iam_openid_connect_provider"),
      // pulumi-aws 6.x: BucketV2 is the current schema of aws_s3_bucket (Bucket the legacy one).
      entry("aws:s3/bucketV2:BucketV2", "aws_s3_bucket"),
      entry("aws:opensearch/serverlessCollection:ServerlessCollection",
          "aws_opensearchserverless_collection"),
      entry("gcp:secretmanager/secret:Secret", "google_secret_manager_secret"),
      entry("gcp:artifactregistry/repository:Repository", "google_artifact_registry_repository"),
      entry("gcp:serviceaccount/account:Account", "google_service_account"),
      entry("gcp:organizations/project:Project", "google_project"),
      entry("gcp:backupdisasterrecovery/backupVault:BackupVault", "google_backup_dr_backup_vault"),
      entry("azure:core/resourceGroup:ResourceGroup", "azurerm_resource_group"),
      entry("azure:keyvault/keyVault:KeyVault", "azurerm_key_vault"),
      entry("azure:keyvault/key:Key", "azurerm_key_vault_key"),
      entry("azure:keyvault/secret:Secret", "azurerm_key_vault_secret"),
      entry("azure:keyvault/certificate:Certificate", "azurerm_key_vault_certificate"),
      entry("azure:keyvault/managedHardwareSecurityModule:ManagedHardwareSecurityModule",
          "azurerm_key_vault_managed_hardware_security_module"),
      entry("azure:compute/managedDisk:ManagedDisk", "azurerm_managed_disk"),
      entry("azure:compute/snapshot:Snapshot", "azurerm_snapshot"),
      entry("azure:containerservice/registry:Registry", "azurerm_container_registry"),
      entry("azure:containerservice/kubernetesCluster:KubernetesCluster",
          "azurerm_kubernetes_cluster"),
      entry("azure:eventhub/eventHub:EventHub", "azurerm_eventhub"),
      entry("azure:eventhub/eventHubNamespace:EventHubNamespace", "azurerm_eventhub_namespace"),
      entry("azure:operationalinsights/analyticsWorkspace:AnalyticsWorkspace",
          "azurerm_log_analytics_workspace"),
      entry("azure:recoveryservices/vault:Vault", "azurerm_recovery_services_vault"),
      entry("azure:dataprotection/backupVault:BackupVault", "azurerm_data_protection_backup_vault"),
      entry("azure:privatedns/zone:Zone", "azurerm_private_dns_zone"),
      entry("azure:network/virtualNetwork:VirtualNetwork", "azurerm_virtual_network"),
      entry("azure:authorization/userAssignedIdentity:UserAssignedIdentity",
          "azurerm_user_assigned_identity"));

  private PulumiTypes() {}

  /**
   * The Terraform type equivalent to a Pulumi type token, or null when there is none (native
   * providers, components, {@code pulumi:*} internals, tokens that are not {@code a:b:C}).
   */
  public static String terraformType(String token) {
    if (token == null) {
      return null;
    }
    String known = EXCEPTIONS.get(token);
    if (known != null) {
      return known;
    }
    String[] parts = token.split(":", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      return null;
    }
    String pkg = parts[0];
    String prefix = PREFIXES.get(pkg);
    if (prefix == null) {
      if (!SAME_NAME_BRIDGED.contains(pkg)) {
        return null;
      }
      prefix = pkg;
    }
    String name = snake(parts[2]);
    if (pkg.equals("kubernetes")) {
      // kubernetes:<group>/<version>:<Kind> -> kubernetes_<kind>
      return prefix + "_" + name;
    }
    int slash = parts[1].indexOf('/');
    String module = (slash < 0 ? parts[1] : parts[1].substring(0, slash)).toLowerCase();
    if (name.startsWith(prefix + "_")) {
      // random:index/randomString:RandomString -> random_string, not random_random_string
      name = name.substring(prefix.length() + 1);
    }
    if (module.equals("index") || (pkg.equals("aws") && module.equals("ec2"))
        || name.equals(module) || name.startsWith(module + "_")) {
      // aws:ec2/securityGroup:SecurityGroup -> aws_security_group (EC2 types have no ec2_)
      return prefix + "_" + name;
    }
    return prefix + "_" + module + "_" + name;
  }

  /**
   * {@code camelCase} or {@code PascalCase} to {@code snake_case}: {@code skipFinalSnapshot} to
   * {@code skip_final_snapshot}, {@code ipv6CidrBlock} to {@code ipv6_cidr_block},
   * {@code HTTPServer} to {@code http_server}.
   */
  public static String snake(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        char previous = i > 0 ? camel.charAt(i - 1) : ' ';
        boolean afterLowerOrDigit =
            Character.isLowerCase(previous) || Character.isDigit(previous);
        boolean acronymEnd = Character.isUpperCase(previous)
            && i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
        if (afterLowerOrDigit || acronymEnd) {
          sb.append('_');
        }
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * A Pulumi property value in the shape Terraform's plan JSON gives the same attribute, for the
   * catalogue's recoverability rules: keys in snake_case, and each nested object (a Terraform
   * block with at most one element, which the bridge flattens) wrapped in a one-element list, so
   * that a rule path such as {@code point_in_time_recovery.0.enabled} finds it.
   */
  public static Object terraformShape(Object value) {
    if (value instanceof Map<?, ?> m) {
      return List.of(snakeKeys(m));
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(o instanceof Map<?, ?> m ? snakeKeys(m) : o);
      }
      return out;
    }
    return value;
  }

  private static Map<String, Object> snakeKeys(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(snake(String.valueOf(k)), terraformShape(v)));
    return out;
  }
}
