package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.cloudformation.ChangeClassifier.Classified;
import dev.plangate.core.cloudformation.ChangeClassifier.Replacement;
import dev.plangate.core.cloudformation.ChangeEntry.Detail;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.ReplaceOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which change-set rows classify as replace, may-replace, update or delete when the document
 * leaves fields out, and how the cause reads: a row misread as an update is a missed destroy.
 */
class ChangeClassifierTest {

  private static Detail detail(String name, String level, String evaluation) {
    return new Detail("Properties", name, level, evaluation, "DirectModification", null);
  }

  private static Detail caused(String source, String entity) {
    return new Detail("Properties", "Name", "Always", "Static", source, entity);
  }

  private static Classified classify(String action, String replacement, List<Detail> details) {
    return ChangeClassifier.classify(new ChangeEntry("Changes[0].ResourceChange", "Db",
        "AWS::RDS::DBInstance", action, replacement, null, null, details, null, null), "Db");
  }

  @Test
  void withoutReplacementTheDetailsDecideAsTheApiRollsThemUp() {
    assertThat(ChangeClassifier.rollUp(List.of())).isEqualTo(Replacement.ABSENT);
    assertThat(ChangeClassifier.rollUp(List.of(detail("A", null, null))))
        .isEqualTo(Replacement.ABSENT);
    assertThat(ChangeClassifier.rollUp(List.of(detail("A", "Never", "Static"))))
        .isEqualTo(Replacement.FALSE);
    assertThat(ChangeClassifier.rollUp(List.of(detail("A", "Never", "Static"),
        detail("B", null, null)))).isEqualTo(Replacement.FALSE);
    assertThat(ChangeClassifier.rollUp(List.of(detail("A", "Always", "Static"))))
        .isEqualTo(Replacement.TRUE);
    assertThat(ChangeClassifier.rollUp(List.of(detail("A", "Always", null))))
        .isEqualTo(Replacement.TRUE);
    assertThat(ChangeClassifier.rollUp(List.of(detail("A", "Always", "Dynamic"))))
        .isEqualTo(Replacement.CONDITIONAL);
    assertThat(ChangeClassifier.rollUp(List.of(detail("A", "Conditionally", "Static"))))
        .isEqualTo(Replacement.CONDITIONAL);
    assertThat(ChangeClassifier.rollUp(List.of(detail("A", "Never", "Static"),
        detail("B", "Conditionally", "Static")))).isEqualTo(Replacement.CONDITIONAL);
    assertThat(ChangeClassifier.rollUp(List.of(detail("A", "Conditionally", "Static"),
        detail("B", "Never", "Static")))).isEqualTo(Replacement.CONDITIONAL);
    assertThat(ChangeClassifier.rollUp(List.of(detail("A", "Always", "Dynamic"),
        detail("B", "Never", "Static"), detail("C", "Always", "Static"))))
        .isEqualTo(Replacement.TRUE);
    // a level the API did not have when this was written: fail closed
    assertThat(ChangeClassifier.rollUp(List.of(detail("A", "Never", "Static"),
        detail("B", "Sometimes", "Static")))).isEqualTo(Replacement.CONDITIONAL);
  }

  @Test
  void aModifyWithoutReplacementIsJudgedByItsDetails() {
    Classified update = classify("Modify", null, List.of(detail("Tags", "Never", "Static")));
    assertThat(update.kind()).isEqualTo(ChangeKind.UPDATE);
    assertThat(update.why()).isEqualTo("changing Properties.Tags needs no recreation (Never)");
    assertThat(update.warning()).isNull();

    Classified replace = classify("Modify", null,
        List.of(detail("Engine", "Always", "Static")));
    assertThat(replace.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(replace.conditional()).isFalse();
    assertThat(replace.order()).isEqualTo(ReplaceOrder.CREATE_BEFORE_DELETE);
    assertThat(replace.replacePaths()).containsExactly("Engine");
    assertThat(replace.warning()).isNull();

    Classified maybe = classify("Modify", null,
        List.of(detail("Engine", "Always", "Dynamic")));
    assertThat(maybe.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(maybe.conditional()).isTrue();
  }

  @Test
  void aModifyThatSaysNothingIsAPossibleReplacementWithAWarning() {
    Classified c = classify("Modify", null, List.of());
    assertThat(c.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(c.conditional()).isTrue();
    assertThat(c.warning()).isEqualTo("Db is modified but the change set says neither whether"
        + " it is replaced nor what changes; treated as a possible replacement.");
    assertThat(c.why()).isEqualTo("CloudFormation says it may have to be replaced"
        + " (Replacement: Conditional) but names no property that requires it");
  }

  @Test
  void anUnknownReplacementValueIsAPossibleReplacementWithAWarning() {
    Classified c = classify("Modify", "Perhaps", List.of(detail("Tags", "Never", "Static")));
    assertThat(c.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(c.conditional()).isTrue();
    assertThat(c.warning()).isEqualTo("Db has Replacement Perhaps, which plangate does not"
        + " know; treated as a possible replacement.");
    assertThat(c.reason()).isEqualTo("Modify/Replacement=Perhaps");
  }

  @Test
  void aReplacementThatNamesNoPropertySaysSo() {
    assertThat(classify("Modify", "True", List.of()).why()).isEqualTo("CloudFormation says it"
        + " must be replaced (Replacement: True) but names no property that requires it");
    assertThat(classify("Modify", "Conditional", List.of()).why()).isEqualTo("CloudFormation"
        + " says it may have to be replaced (Replacement: Conditional) but names no property"
        + " that requires it");
    assertThat(classify("Modify", "True", List.of()).warning()).isNull();
  }

  @Test
  void aDynamicActionIsAPossibleReplacementAndNamesItsCausesWhenThereAreAny() {
    Classified bare = classify("Dynamic", null, List.of());
    assertThat(bare.kind()).isEqualTo(ChangeKind.REPLACE);
    assertThat(bare.conditional()).isTrue();
    assertThat(bare.why()).isEqualTo("CloudFormation can only tell the exact action at deploy"
        + " time (Action: Dynamic), so it is treated as a possible replacement");
    Classified withCause = classify("Dynamic", "Conditional",
        List.of(detail("Engine", "Always", "Dynamic"), detail("Tags", "Never", "Static")));
    assertThat(withCause.why()).isEqualTo("CloudFormation can only tell the exact action at"
        + " deploy time (Action: Dynamic), so it is treated as a possible replacement; changing"
        + " Properties.Engine requires recreation (Always) if its value, known only at deploy"
        + " time, really changes");
    assertThat(withCause.reason()).isEqualTo("Dynamic/Replacement=Conditional");
    assertThat(classify("Dynamic", "False", List.of()).kind()).isEqualTo(ChangeKind.UPDATE);
  }

  @Test
  void onlyTargetsThatRecreateAreCausesOfAReplacement() {
    List<Detail> details = List.of(detail("Tags", "Never", "Static"),
        detail("Unsaid", null, "Static"), detail("Future", "Sometimes", "Static"),
        detail("Engine", "Conditionally", "Static"));
    assertThat(ChangeClassifier.describe(details, true)).isEqualTo("changing Properties.Future"
        + " has RequiresRecreation Sometimes, which plangate does not know; changing"
        + " Properties.Engine may require recreation (Conditionally)");
    assertThat(ChangeClassifier.describe(details, false)).isEqualTo("changing Properties.Future"
        + " has RequiresRecreation Sometimes, which plangate does not know; changing"
        + " Properties.Engine may require recreation (Conditionally); changing Properties.Tags"
        + " needs no recreation (Never); changing Properties.Unsaid");
  }

  @Test
  void theStrongestLevelOfATargetWinsAndTheFirstOfEqualOnes() {
    List<Detail> details = List.of(detail("Engine", "Never", "Static"),
        detail("Engine", "Sometimes", "Static"), detail("Engine", "Often", "Static"),
        detail("Engine", "Always", "Static"));
    assertThat(ChangeClassifier.describe(details, true)).isEqualTo("changing Properties.Engine"
        + " has RequiresRecreation Sometimes, which plangate does not know");
  }

  @Test
  void aDeployTimeConditionIsAddedOnlyWhenEveryDetailOfTheTargetIsDynamic() {
    assertThat(ChangeClassifier.describe(List.of(detail("Engine", "Always", "Dynamic"),
        detail("Engine", "Always", "Static")), true))
        .isEqualTo("changing Properties.Engine requires recreation (Always)");
    assertThat(ChangeClassifier.describe(List.of(detail("Engine", "Always", "Dynamic"),
        detail("Engine", "Always", "Dynamic")), true))
        .isEqualTo("changing Properties.Engine requires recreation (Always) if its value, known"
            + " only at deploy time, really changes");
  }

  @Test
  void causesAreNamedInPlainWords() {
    assertThat(ChangeClassifier.describe(List.of(
        caused("ParameterReference", "DbClass"), caused("ParameterReference", null),
        caused("ResourceReference", "Subnet"), caused("ResourceReference", null),
        caused("ResourceAttribute", "Key.Arn"), caused("ResourceAttribute", null),
        caused("Automatic", null), caused("DirectModification", "x"),
        caused("NoModification", "y"), caused(null, "z"), caused("Telepathy", null),
        caused("Telepathy", "Oracle")), true))
        .isEqualTo("changing Properties.Name requires recreation (Always), caused by parameter"
            + " DbClass and a parameter and a change to resource Subnet and a change to another"
            + " resource and a change to Key.Arn and a change to another resource's attribute"
            + " and an automatic update of the nested stack and ChangeSource Telepathy and"
            + " ChangeSource Telepathy Oracle");
    assertThat(ChangeClassifier.describe(List.of(caused(null, "z")), true))
        .isEqualTo("changing Properties.Name requires recreation (Always)");
  }

  @Test
  void targetsAreNamedByAttributeAndName() {
    assertThat(new Detail(null, "Engine", null, null, null, null).target())
        .isEqualTo("Properties.Engine");
    assertThat(new Detail(null, null, null, null, null, null).target())
        .isEqualTo("an unnamed attribute");
    assertThat(new Detail("Tags", null, null, null, null, null).target()).isEqualTo("Tags");
    assertThat(new Detail("Metadata", "x", null, null, null, null).target())
        .isEqualTo("Metadata.x");
  }

  @Test
  void recreatingTargetsListAlwaysBeforeConditionallyAndSkipUnnamedOnes() {
    assertThat(ChangeClassifier.recreatingTargets(List.of(
        detail("B", "Conditionally", "Static"), detail("A", "Always", "Static"),
        detail("B", "Always", "Static"), detail("C", "Never", "Static"),
        new Detail("Tags", null, "Conditionally", "Static", null, null),
        new Detail(null, null, "Always", "Static", null, null))))
        .containsExactly("A", "B", "Tags");
  }
}
