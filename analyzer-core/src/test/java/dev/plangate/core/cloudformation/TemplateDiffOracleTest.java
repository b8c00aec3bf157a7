package dev.plangate.core.cloudformation;

import static dev.plangate.core.cloudformation.TemplateFixtures.CORPUS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.ImpactAnalyzer;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.testing.CorpusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every template pair of the corpus against {@code oracle/ORACLE-cfndiff.tsv}, the output of
 * {@code @aws-cdk/cloudformation-diff} 2.187.5 with the same service spec.
 *
 * <p>The mapping: WILL_DESTROY is a delete; WILL_ORPHAN a forget; WILL_CREATE a create;
 * WILL_REPLACE a certain replacement; MAY_REPLACE a conditional one (kept unmanaged, a forget
 * after create, when {@code UpdateReplacePolicy} is Retain: the rds ReplicaDB); WILL_UPDATE an
 * update, which is not a finding, or no change at all where only the name of the resource's
 * condition changed and its definition did not (rds DBEC2SecurityGroup). The replacing
 * properties the oracle names are among ours.
 *
 * <p>Where plangate says more than the oracle, {@link #GOES_FURTHER} lists each case and why the
 * oracle under-reports (its propagation misses references inside {@code Fn::Sub} and references
 * nested inside another function). Dependents that only update are added by plangate and not by
 * the oracle; they are allowed as updates and nothing more.
 */
@CorpusTest
class TemplateDiffOracleTest {
  /** pair/logical ID → what in plangate's explanation shows why it goes further. */
  private static final Map<String, String> GOES_FURTHER = Map.of(
      // Name: !Sub '${AWSManagedAD}-...': the directory is replaced, so the secret's name
      // changes, and a secret's Name cannot change in place. cfn-diff never looks inside Sub.
      "managed-ad/AWSManagedADLinuxEC2SeamlessDomainJoinSecret",
      "Name refers to AWSManagedAD (inside Fn::Sub), which is replaced",
      // UserData: Fn::Base64 of Fn::Join [..., Ref EFSFileSystem, ...]: the file system is
      // replaced, so the user data changes, which replaces a launch configuration. cfn-diff
      // stops at the first function whose first argument is not the replaced resource.
      "efs-automount/LaunchConfig",
      "UserData refers to EFSFileSystem (inside Fn::Base64), which is replaced");

  record OracleRow(String pair, String logicalId, String oldType, String newType,
      String impact, List<String> replacing, String otherChanges) {}

  private static List<OracleRow> oracle() throws Exception {
    List<String> lines = Files.readAllLines(CORPUS.resolve("oracle/ORACLE-cfndiff.tsv"));
    assertThat(lines.get(0)).isEqualTo("pair\tlogical_id\told_type\tnew_type\tchange_impact"
        + "\treplacing_properties\tother_changed_properties");
    List<OracleRow> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      rows.add(new OracleRow(f[0], f[1], f[2], f[3], f[4],
          f[5].isEmpty() ? List.of() : List.of(f[5].split("\\+")), f[6]));
    }
    return rows;
  }

  static Set<String> pairs() throws Exception {
    return oracle().stream().map(OracleRow::pair).collect(Collectors.toCollection(TreeSet::new));
  }

  static Plan diffPair(String pair) throws Exception {
    String ext = Files.exists(CORPUS.resolve(pair + ".before.yaml")) ? ".yaml" : ".json";
    Path before = CORPUS.resolve(pair + ".before" + ext);
    Path after = CORPUS.resolve(pair + ".after" + ext);
    return TemplateDiff.diff(TemplateReader.read(before), TemplateReader.read(after), pair);
  }

  private static ResourceChange change(Plan plan, String address) {
    return plan.changes().stream().filter(c -> c.address().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError(plan.source() + " has no " + address));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void everyOracleVerdictIsMatched(String pair) throws Exception {
    Plan plan = diffPair(pair);
    List<OracleRow> rows = oracle().stream().filter(r -> r.pair().equals(pair)).toList();
    if (rows.size() == 1 && rows.get(0).impact().equals("NO_CHANGE")) {
      assertThat(plan.changes()).isNotEmpty()
          .allSatisfy(c -> assertThat(c.kind()).as(c.address()).isEqualTo(ChangeKind.NO_OP));
      return;
    }
    Set<String> named = new TreeSet<>();
    for (OracleRow row : rows) {
      named.add(row.logicalId());
      ResourceChange c = change(plan, row.logicalId());
      String what = pair + "/" + row.logicalId() + " (" + row.impact() + "): " + c;
      switch (row.impact()) {
        case "WILL_DESTROY" -> assertThat(c.kind()).as(what).isEqualTo(ChangeKind.DELETE);
        case "WILL_ORPHAN" -> {
          assertThat(c.kind()).as(what).isEqualTo(ChangeKind.FORGET);
          assertThat(c.order()).as(what).isNull();
        }
        case "WILL_CREATE" -> assertThat(c.kind()).as(what).isEqualTo(ChangeKind.CREATE);
        case "WILL_REPLACE" -> {
          assertThat(c.kind()).as(what).isEqualTo(ChangeKind.REPLACE);
          assertThat(c.conditional()).as(what).isFalse();
          assertThat(c.replacePaths()).as(what).containsAll(row.replacing());
        }
        case "MAY_REPLACE" -> {
          assertThat(c.conditional()).as(what).isTrue();
          assertThat(c.kind() == ChangeKind.REPLACE || (c.kind() == ChangeKind.FORGET
              && c.order() == ReplaceOrder.CREATE_BEFORE_FORGET)).as(what).isTrue();
          assertThat(c.replacePaths()).as(what).containsAll(row.replacing());
        }
        case "WILL_UPDATE" -> {
          String further = GOES_FURTHER.get(pair + "/" + row.logicalId());
          if (row.otherChanges().equals("(other)Condition")) {
            // Only the name of its condition changed (Is-EC2-VPC became IsEC2VPC, defined the
            // same way): cfn-diff compares names, plangate what they mean. Not an update.
            assertThat(c.kind()).as(what).isEqualTo(ChangeKind.NO_OP);
          } else if (further == null) {
            assertThat(c.kind()).as(what).isEqualTo(ChangeKind.UPDATE);
          } else {
            assertThat(c.kind()).as(what).isEqualTo(ChangeKind.REPLACE);
            assertThat(c.why()).as(what).contains(further);
          }
        }
        default -> throw new AssertionError("unknown impact " + row.impact());
      }
      if (!row.impact().equals("WILL_CREATE")) {
        assertThat(c.location()).as(what).matches(".*" + pair + "\\.(before|after)\\.(yaml|json)"
            + ":\\d+");
      }
      if (c.kind().isFinding()) {
        assertThat(c.why()).as(what).isNotBlank();
      }
    }
    for (ResourceChange c : plan.changes()) {
      if (named.contains(c.address()) || c.kind() == ChangeKind.NO_OP) {
        continue;
      }
      String further = GOES_FURTHER.get(pair + "/" + c.address());
      if (further != null) {
        assertThat(c.kind()).as(c.toString()).isEqualTo(ChangeKind.REPLACE);
        assertThat(c.why()).as(c.toString()).contains(further);
      } else {
        assertThat(c.kind()).as("the oracle does not list %s, so it may only be updated", c)
            .isEqualTo(ChangeKind.UPDATE);
      }
    }
  }

  @Test
  void everyCaseWherePlangateGoesFurtherHappens() throws Exception {
    for (Map.Entry<String, String> e : GOES_FURTHER.entrySet()) {
      String[] pairAndId = e.getKey().split("/");
      ResourceChange c = change(diffPair(pairAndId[0]), pairAndId[1]);
      assertThat(c.kind()).as(e.getKey()).isEqualTo(ChangeKind.REPLACE);
      assertThat(c.why()).as(e.getKey()).contains(e.getValue());
    }
  }

  private static Finding finding(List<Finding> findings, String address) {
    return findings.stream().filter(f -> f.address().equals(address)).findFirst()
        .orElseThrow(() -> new AssertionError("no finding for " + address));
  }

  /**
   * The blast radius includes what refers to a replaced resource only inside {@code Fn::Sub} or
   * a nested {@code Ref}: the dependents cfn-diff does not see.
   */
  @Test
  void impactAnalysisFindsDependentsTheOracleMisses() throws Exception {
    ImpactAnalyzer analyzer = new ImpactAnalyzer(ResourceCatalog.builtin());

    Finding fileSystem = finding(analyzer.analyze(diffPair("efs-automount")), "EFSFileSystem");
    assertThat(fileSystem.downstream().changing()).contains("LaunchConfig", "EFSMountTarget1",
        "AutoScalingGroup");
    assertThat(fileSystem.explanation()).startsWith("EFSFileSystem will be destroyed and"
        + " recreated because Encrypted changed, and CloudFormation cannot change Encrypted of"
        + " AWS::EFS::FileSystem without replacing it; AWS::EFS::FileSystem holds data, which"
        + " goes with it;");
    assertThat(fileSystem.location()).endsWith("efs-automount.after.json:162");

    Finding directory = finding(analyzer.analyze(diffPair("managed-ad")), "AWSManagedAD");
    assertThat(directory.downstream().changing())
        .contains("AWSManagedADLinuxEC2SeamlessDomainJoinSecret", "DHCPOptions",
            "DHCPOptionsVPCAssociation");
  }

  /** A deleted resource's dependents come from the old template's edges. */
  @Test
  void aDeletedResourcesDependentsAreFoundInTheOldTemplate() throws Exception {
    Plan plan = diffPair("asg-rolling-updates");
    List<Finding> findings = new ImpactAnalyzer(ResourceCatalog.builtin()).analyze(plan);
    Finding launchConfig = finding(findings, "LaunchConfig");
    assertThat(launchConfig.action().name()).isEqualTo("DELETE");
    assertThat(launchConfig.downstream().changing()).containsExactly("WebServerGroup");
    assertThat(launchConfig.explanation()).isEqualTo("LaunchConfig will be destroyed because it"
        + " was removed from the template; 1 resource depends on it.");
  }
}
