package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.cloudformation.TemplateIntrinsics.Placeholder;
import dev.plangate.core.plan.PlanReadException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each intrinsic function refers to (the edges the blast radius is built from: a reference
 * missed is a dependent resource missed) and what the few that name exports evaluate to.
 */
class TemplateIntrinsicsTest {
  private static final TemplateIntrinsics.Context CONTEXT = new TemplateIntrinsics.Context() {
    @Override
    public String parameter(String name) {
      return Map.of("Env", "prod", "Zone", "a").get(name);
    }

    @Override
    public String stackName() {
      return "network";
    }
  };

  private static final String HEADER = """
      Parameters:
        Env: {Type: String, Default: prod}
      Conditions:
        IsProd: !Equals [!Ref Env, prod]
      Resources:
        Vpc:
          Type: AWS::EC2::VPC
        Topic:
          Type: AWS::SNS::Topic
      """;

  /** The edges of resource {@code User}, declared with the given properties, as short rows. */
  private static List<String> edgesOf(String userProperties) throws PlanReadException {
    Template t = TemplateReader.parse(HEADER + """
          User:
            Type: AWS::SSM::Parameter
            Properties:
        """ + userProperties.indent(6), "t.yaml");
    return TemplateGraph.edges(t).stream()
        .filter(e -> e.source().equals("User"))
        .map(TemplateIntrinsicsTest::row)
        .toList();
  }

  private static String row(TemplateEdge e) {
    return e.kind().label() + " " + e.targetKind().label() + " " + e.target()
        + (e.attribute() == null ? "" : "." + e.attribute()) + " @" + e.path();
  }

  @Test
  void refNamesAResourceOrAParameterButNeitherAPseudoParameterNorAnUndefinedName()
      throws Exception {
    assertThat(edgesOf("""
        A: !Ref Vpc
        B: !Ref Env
        C: !Ref AWS::Region
        D: !Ref Nowhere
        """)).containsExactly(
        "Ref resource Vpc @Properties/A",
        "Ref parameter Env @Properties/B");
  }

  @Test
  void aRefWhoseArgumentIsAnExpressionIsWalkedInside() throws Exception {
    assertThat(edgesOf("""
        A: {Ref: !If [IsProd, Vpc, Topic]}
        """)).containsExactly("IfCondition condition IsProd @Properties/A/Ref");
  }

  @Test
  void getAttNamesTheResourceAndItsAttribute() throws Exception {
    assertThat(edgesOf("""
        A: !GetAtt Vpc.CidrBlock
        B: !GetAtt [Topic, !Ref Env]
        C: !GetAtt [Nowhere, Arn]
        D: {Fn::GetAtt: [!Ref Topic, Arn, extra]}
        """)).containsExactly(
        "GetAtt resource Vpc.CidrBlock @Properties/A",
        "GetAtt resource Topic @Properties/B",
        "Ref parameter Env @Properties/B/Fn::GetAtt/1",
        "Ref resource Topic @Properties/D/Fn::GetAtt/0");
  }

  @Test
  void subNamesWhatItsPlaceholdersReferToExceptItsOwnVariablesAndLiterals() throws Exception {
    assertThat(edgesOf("""
        A: !Sub "${Vpc}-${Env}-${Topic.TopicName}-${Nowhere.Arn}-${!Vpc}-${AWS::Region}"
        B: !Sub ["${Vpc}-${v}", {v: !Ref Topic}]
        C: {Fn::Sub: [!Ref Topic]}
        """)).containsExactly(
        "Sub resource Vpc @Properties/A",
        "Sub parameter Env @Properties/A",
        "SubAttr resource Topic.TopicName @Properties/A",
        "Sub resource Vpc @Properties/B",
        "Ref resource Topic @Properties/B/Fn::Sub[v]",
        "Ref resource Topic @Properties/C/Fn::Sub/0");
  }

  @Test
  void aSubVariableShadowsTheResourceOfTheSameName() throws Exception {
    assertThat(edgesOf("""
        A: !Sub ["${Vpc}", {Vpc: literal}]
        """)).isEmpty();
  }

  @Test
  void ifNamesItsConditionAndWalksBothBranches() throws Exception {
    assertThat(edgesOf("""
        A: !If [IsProd, !Ref Vpc, !Ref Topic]
        B: {Fn::If: [!Ref Env]}
        """)).containsExactly(
        "IfCondition condition IsProd @Properties/A",
        "Ref resource Vpc @Properties/A/Fn::If/1",
        "Ref resource Topic @Properties/A/Fn::If/2",
        "Ref parameter Env @Properties/B/Fn::If/0");
  }

  @Test
  void importValueNamesTheExportAsWrittenOrAsCompactJson() throws Exception {
    assertThat(edgesOf("""
        A: !ImportValue shared-vpc
        B: !ImportValue {Fn::Sub: "${Env}-vpc"}
        """)).containsExactly(
        "ImportValue export shared-vpc @Properties/A",
        "ImportValue export {\"Fn::Sub\": \"${Env}-vpc\"} @Properties/B",
        "Sub parameter Env @Properties/B/Fn::ImportValue");
  }

  @Test
  void aConditionKeyOutsideConditionsIsAnIamConditionNotAReference() throws Exception {
    assertThat(edgesOf("""
        Policy:
          Condition: IsProd
        Other:
          Condition:
            StringEquals:
              aws:RequestedRegion: !Ref Env
        """)).containsExactly(
        "Ref parameter Env @Properties/Other/Condition/StringEquals/aws:RequestedRegion");
  }

  @Test
  void insideConditionsAConditionKeyRefersToAnotherCondition() throws Exception {
    Template t = TemplateReader.parse("""
        Parameters:
          Env: {Type: String}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          NotProd: !Not [!Condition IsProd]
          Odd: !Not [{Condition: [IsProd]}]
        Resources:
          Vpc: {Type: AWS::EC2::VPC}
        """, "t.yaml");
    assertThat(TemplateGraph.edges(t).stream().map(TemplateIntrinsicsTest::row)).containsExactly(
        "Ref parameter Env @/Fn::Equals/0",
        "Condition condition IsProd @/Fn::Not/0");
  }

  @Test
  void anOrdinaryMappingOfOneKeyIsWalkedLikeAnyOther() throws Exception {
    assertThat(edgesOf("""
        Tags:
          - {Key: Name, Value: !Ref Env}
        Single: {Nested: !Ref Vpc}
        """)).containsExactly(
        "Ref parameter Env @Properties/Tags/0/Value",
        "Ref resource Vpc @Properties/Single/Nested");
  }

  @Test
  void placeholdersSplitAtTheFirstDotAndKnowWhereTheyAre() {
    assertThat(TemplateIntrinsics.placeholders("x${A}-${ B.Arn.Suffix }-${!Lit}${.x}"))
        .containsExactly(
            new Placeholder("A", null, false, 1, 5),
            new Placeholder("B", "Arn.Suffix", false, 6, 23),
            new Placeholder("Lit", null, true, 24, 31),
            new Placeholder(".x", null, false, 31, 36));
    assertThat(TemplateIntrinsics.placeholders("plain")).isEmpty();
    assertThat(TemplateIntrinsics.placeholders("${A}${B")).containsExactly(
        new Placeholder("A", null, false, 0, 4));
    assertThat(new Placeholder("B", "Arn", false, 0, 0).fullName()).isEqualTo("B.Arn");
    assertThat(new Placeholder("B", null, false, 0, 0).fullName()).isEqualTo("B");
  }

  @Test
  void aWalkPathLeadsBackToTheValueItNames() {
    Map<String, Object> def = Map.of("Properties", Map.of(
        "List", List.of("a", Map.of("Fn::Sub", List.of("${v}", Map.of("v", "value")))),
        "Sub", Map.of("Fn::Sub", "text")));
    assertThat(TemplateIntrinsics.at(def, "Properties/List/0")).isEqualTo("a");
    assertThat(TemplateIntrinsics.at(def, "/Properties//List/1/Fn::Sub[v]")).isEqualTo("value");
    assertThat(TemplateIntrinsics.at(def, "Properties/List/1/Fn::Sub[w]")).isNull();
    assertThat(TemplateIntrinsics.at(def, "Properties/Sub/Fn::Sub[v]")).isNull();
    assertThat(TemplateIntrinsics.at(def, "Properties/List/2")).isNull();
    assertThat(TemplateIntrinsics.at(def, "Properties/List/-1")).isNull();
    assertThat(TemplateIntrinsics.at(def, "Properties/List/first")).isNull();
    assertThat(TemplateIntrinsics.at(def, "Properties/List/0/deeper")).isNull();
    assertThat(TemplateIntrinsics.at(def, "")).isSameAs(def);
  }

  @Test
  void literalsEvaluateToTheirText() {
    assertThat(TemplateIntrinsics.evaluate("name", CONTEXT)).isEqualTo("name");
    assertThat(TemplateIntrinsics.evaluate(10.50d, CONTEXT)).isEqualTo("10.5");
    assertThat(TemplateIntrinsics.evaluate(true, CONTEXT)).isEqualTo("true");
    assertThat(TemplateIntrinsics.evaluate(null, CONTEXT)).isNull();
    assertThat(TemplateIntrinsics.evaluate(List.of("a"), CONTEXT)).isNull();
  }

  @Test
  void refEvaluatesParametersAndTheStackNameButNoOtherPseudoParameter() {
    assertThat(TemplateIntrinsics.evaluate(Map.of("Ref", "Env"), CONTEXT)).isEqualTo("prod");
    assertThat(TemplateIntrinsics.evaluate(Map.of("Ref", "AWS::StackName"), CONTEXT))
        .isEqualTo("network");
    assertThat(TemplateIntrinsics.evaluate(Map.of("Ref", "AWS::Region"), CONTEXT)).isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Ref", "Unknown"), CONTEXT)).isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Ref", List.of("Env")), CONTEXT)).isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Ref", "Env", "x", "y"), CONTEXT)).isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::GetAtt", List.of("A", "B")), CONTEXT))
        .isNull();
  }

  @Test
  void joinEvaluatesWhenEveryPartDoes() {
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Join",
        List.of("-", List.of(Map.of("Ref", "AWS::StackName"), "vpc", 1))), CONTEXT))
        .isEqualTo("network-vpc-1");
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Join", List.of("-", List.of())), CONTEXT))
        .isEmpty();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Join",
        List.of("-", List.of("a", Map.of("Ref", "AWS::Region")))), CONTEXT)).isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Join", List.of("-")), CONTEXT)).isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Join",
        List.of("-", List.of("a"), "extra")), CONTEXT)).isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Join", List.of(1, List.of("a"))),
        CONTEXT)).isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Join", List.of("-", "a")), CONTEXT))
        .isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Join", "a"), CONTEXT)).isNull();
  }

  @Test
  void subEvaluatesItsPlaceholdersFromVariablesParametersAndTheStackName() {
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Sub", "${AWS::StackName}-${Env}-x"),
        CONTEXT)).isEqualTo("network-prod-x");
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Sub", "no placeholder"), CONTEXT))
        .isEqualTo("no placeholder");
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Sub", List.of("${Env}.${v}.${Zone}",
        Map.of("v", Map.of("Ref", "AWS::StackName"), "Env", "shadowed"))), CONTEXT))
        .isEqualTo("shadowed.network.a");
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Sub", List.of("${A.B}",
        Map.of("A.B", "dotted"))), CONTEXT)).isEqualTo("dotted");
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Sub", "${!Env}-${Env}"), CONTEXT))
        .isEqualTo("${Env}-prod");
  }

  @Test
  void subIsUnknownWhenAnyPlaceholderIsOrItsShapeIsWrong() {
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Sub", "${Env}-${AWS::Region}"), CONTEXT))
        .isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Sub", "${Vpc.Arn}"), CONTEXT)).isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Sub", List.of("${v}",
        Map.of("v", Map.of("Ref", "AWS::AccountId")))), CONTEXT)).isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Sub", List.of("${Env}")), CONTEXT))
        .isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Sub", List.of("${Env}", "x")), CONTEXT))
        .isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Sub", List.of(1, Map.of())), CONTEXT))
        .isNull();
    assertThat(TemplateIntrinsics.evaluate(Map.of("Fn::Sub", 1), CONTEXT)).isNull();
  }
}
