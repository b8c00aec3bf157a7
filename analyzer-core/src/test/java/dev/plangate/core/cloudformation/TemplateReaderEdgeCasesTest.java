package dev.plangate.core.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.plan.PlanReadException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template shapes the reader refuses (each with one line naming the file, the place and the
 * reason), the ones it accepts with a warning, and what its Fn::ForEach expansion and nested
 * stack reading produce at their edges.
 */
class TemplateReaderEdgeCasesTest {
  private static final String TOPIC = "Resources:\n  A: {Type: AWS::SNS::Topic}\n";

  private static Template yaml(String text) throws PlanReadException {
    return TemplateReader.parse(text, "t.yaml");
  }

  // ------------------------------------------------------------------ shapes refused

  @Test
  void aSectionThatIsNotAMappingIsRefusedByName() {
    assertThatThrownBy(() -> yaml(TOPIC + "Parameters: [a]\n"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("t.yaml: the Parameters section is not a mapping");
    assertThatThrownBy(() -> yaml(TOPIC + "Outputs: text\n"))
        .hasMessage("t.yaml: the Outputs section is not a mapping");
    assertThatThrownBy(() -> yaml(TOPIC + "Conditions: 1\n"))
        .hasMessage("t.yaml: the Conditions section is not a mapping");
  }

  @Test
  void aResourceThatIsNotAMappingOrHasABlankTypeIsRefusedAtItsLine() {
    assertThatThrownBy(() -> yaml("Resources:\n  A: {Type: AWS::SNS::Topic}\n  B: text\n"))
        .hasMessage("t.yaml: 3: resource B is not a mapping with a Type");
    assertThatThrownBy(() -> yaml("Resources:\n  A:\n    Type: ' '\n"))
        .hasMessage("t.yaml: 2: resource A has no Type");
    assertThatThrownBy(() -> yaml("Resources:\n  A:\n    Type: [AWS::SNS::Topic]\n"))
        .hasMessage("t.yaml: 2: resource A has no Type");
  }

  @Test
  void aResourceWithoutALineIsRefusedWithoutOne() {
    assertThatThrownBy(() -> TemplateReader.parse("{\"Resources\": {\"A\": []}}", "t.json"))
        .hasMessageStartingWith("t.json: ")
        .hasMessageEndingWith("resource A is not a mapping with a Type");
  }

  @Test
  void anEmptyMappingKeyIsRefusedNamingItsSection() {
    Map<Object, Object> properties = new HashMap<>();
    properties.put(null, "x");
    Map<String, Object> template = Map.of("Resources", Map.of("A", Map.of("Properties",
        properties)));
    assertThatThrownBy(() -> TemplateReader.freeze(template, "t.yaml", "the template"))
        .hasMessage("t.yaml: a mapping key in the Resources section is empty; template keys are"
            + " text");
    assertThatThrownBy(() -> TemplateReader.freeze(properties, "t.yaml", "the template"))
        .hasMessage("t.yaml: a mapping key in the template is empty; template keys are text");
    assertThatThrownBy(() -> yaml("Resources:\n  A:\n    Type: AWS::SNS::Topic\n"
        + "    Properties:\n      ? \n      : x\n"))
        .hasMessage("t.yaml: a mapping key in the Resources section is empty; template keys are"
            + " text");
  }

  @Test
  void aKeyThatIsAListOrMappingIsRefused() {
    assertThatThrownBy(() -> TemplateReader.freeze(Map.of(List.of("a"), "x"), "t.yaml",
        "the Outputs section"))
        .hasMessage("t.yaml: a mapping key in the Outputs section is a list or mapping; template"
            + " keys are text");
    assertThatThrownBy(() -> TemplateReader.freeze(Map.of(Map.of(), "x"), "t.yaml",
        "the template"))
        .hasMessageContaining("is a list or mapping");
  }

  @Test
  void textThatIsNotUtf8IsRefusedAtTheLineOfTheFirstBadByte() throws Exception {
    byte[] second = "Resources: {}\n\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> TemplateReader.decode(second, "t.yaml"))
        .hasMessage("t.yaml: line 2: byte 0xE9 is not UTF-8; a template must be UTF-8 text");
    byte[] first = {(byte) 0xff, 'a'};
    assertThatThrownBy(() -> TemplateReader.decode(first, "t.yaml"))
        .hasMessage("t.yaml: line 1: byte 0xFF is not UTF-8; a template must be UTF-8 text");
    byte[] newlineThenBad = {'\n', (byte) 0xc3};
    assertThatThrownBy(() -> TemplateReader.decode(newlineThenBad, "t.yaml"))
        .hasMessage("t.yaml: line 2: byte 0xC3 is not UTF-8; a template must be UTF-8 text");
    byte[] truncatedLast = {'a', '\n', 'b', (byte) 0xc3};
    assertThatThrownBy(() -> TemplateReader.decode(truncatedLast, "t.yaml"))
        .hasMessage("t.yaml: line 2: byte 0xC3 is not UTF-8; a template must be UTF-8 text");
    assertThat(TemplateReader.decode("\uFEFFResources: {}".getBytes(StandardCharsets.UTF_8),
        "t.yaml")).isEqualTo("Resources: {}");
  }

  // ------------------------------------------------------------------ shapes accepted

  @Test
  void keysStayAsWrittenAndTheFormatVersionIsText() throws Exception {
    Template t = yaml("""
        AWSTemplateFormatVersion: 2010.10
        Resources:
          A:
            Type: AWS::SNS::Topic
            Metadata: {1: one, 2.50: two, true: three}
        """);
    assertThat(t.formatVersion()).isEqualTo("2010.10");
    assertThat(t.resources().get("A").definition().get("Metadata"))
        .isEqualTo(Map.of("1", "one", "2.50", "two", "true", "three"));
    assertThat(TemplateReader.parse("{\"AWSTemplateFormatVersion\": 2010.10, "
        + "\"Resources\": {\"A\": {\"Type\": \"AWS::SNS::Topic\"}}}", "t.json")
        .formatVersion()).isEqualTo("2010.1");
    assertThat(yaml(TOPIC).formatVersion()).isNull();
  }

  @Test
  void onlyAGetAttTextWithADotAfterTheNameIsSplit() throws Exception {
    Template t = TemplateReader.parse("""
        {"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {
          "Dotted": {"Fn::GetAtt": "B.Arn.Tail"},
          "Leading": {"Fn::GetAtt": ".Arn"},
          "NoDot": {"Fn::GetAtt": "B"},
          "NotAlone": {"Fn::GetAtt": "B.Arn", "x": "1"}}}}}
        """, "t.json");
    Map<String, Object> p = t.resources().get("A").properties();
    assertThat(p.get("Dotted")).isEqualTo(Map.of("Fn::GetAtt", List.of("B", "Arn.Tail")));
    assertThat(p.get("Leading")).isEqualTo(Map.of("Fn::GetAtt", ".Arn"));
    assertThat(p.get("NoDot")).isEqualTo(Map.of("Fn::GetAtt", "B"));
    assertThat(p.get("NotAlone")).isEqualTo(Map.of("Fn::GetAtt", "B.Arn", "x", "1"));
  }

  @Test
  void jsonMayStartAfterWhitespaceAndYamlIsNotReadAsJson() throws Exception {
    assertThat(TemplateReader.parse(" \n\t{\"Resources\": {\"A\": {\"Type\": \"T::A::B\"}}}",
        "t.json").resources()).containsOnlyKeys("A");
    // JSON would refuse the comment: read as YAML, it is one
    assertThat(yaml("# a comment {\n" + TOPIC).resources()).containsOnlyKeys("A");
    assertThatThrownBy(() -> yaml("   \n"))
        .hasMessageContaining("the file is empty");
  }

  @Test
  void everyTransformIsNamedAndMacrosAreWarnedAbout() throws Exception {
    Template t = yaml(TOPIC + """
        Transform:
          - AWS::Serverless-2016-10-31
          - AWS::LanguageExtensions
          - {Name: AWS::Include, Parameters: {Location: "s3://bucket/x.yaml"}}
          - [MyMacro]
          - {NoName: x}
        """);
    assertThat(t.transforms()).containsExactly("AWS::Serverless-2016-10-31",
        "AWS::LanguageExtensions", "AWS::Include", "MyMacro");
    assertThat(t.warnings()).containsExactly(
        "t.yaml uses the AWS::Serverless-2016-10-31 transform: the resources CloudFormation"
            + " generates from AWS::Serverless::* are not visible before the transform, so they"
            + " are judged by their AWS::Serverless::* declarations.",
        "t.yaml uses the macro AWS::Include, which may add or change resources that plangate"
            + " cannot see.",
        "t.yaml uses the macro MyMacro, which may add or change resources that plangate cannot"
            + " see.");
    assertThat(yaml(TOPIC + "Transform: AWS::LanguageExtensions\n").warnings()).isEmpty();
    assertThat(yaml(TOPIC + "Transform: {Name: Solo}\n").transforms()).containsExactly("Solo");
    assertThat(yaml(TOPIC).warnings()).isEmpty();
  }

  @Test
  void resourcesRememberTheirLines() throws Exception {
    Template t = yaml("Resources:\n  A:\n    Type: AWS::SNS::Topic\n\n  B:\n    Type: X::Y::Z\n");
    assertThat(t.resources().get("A").location()).isEqualTo("t.yaml:2");
    assertThat(t.resources().get("B").location()).isEqualTo("t.yaml:5");
  }

  @Test
  void localTemplateUrlsAreFilesBesideTheTemplate() {
    assertThat(TemplateReader.isLocal("child.yaml")).isTrue();
    assertThat(TemplateReader.isLocal("sub/child.yaml")).isTrue();
    assertThat(TemplateReader.isLocal("file://child.yaml")).isTrue();
    assertThat(TemplateReader.isLocal("FILE://child.yaml")).isTrue();
    assertThat(TemplateReader.isLocal("")).isFalse();
    assertThat(TemplateReader.isLocal("  ")).isFalse();
    assertThat(TemplateReader.isLocal("s3://bucket/child.yaml")).isFalse();
    assertThat(TemplateReader.isLocal("S3://bucket/child.yaml")).isFalse();
    assertThat(TemplateReader.isLocal("s3:bucket/child.yaml")).isFalse();
    assertThat(TemplateReader.isLocal("https://bucket.s3.amazonaws.com/child.yaml")).isFalse();
  }

  @Test
  void aChildPathIsRelativeToItsParentsDirectory() {
    assertThat(TemplateReader.childPath(Path.of("dir/parent.yaml"), "file://sub/./c.yaml"))
        .isEqualTo(Path.of("dir/sub/c.yaml"));
    assertThat(TemplateReader.childPath(Path.of("dir/parent.yaml"), "File://c.yaml"))
        .isEqualTo(Path.of("dir/c.yaml"));
    assertThat(TemplateReader.childPath(Path.of("dir/parent.yaml"), "../x/c.yaml"))
        .isEqualTo(Path.of("x/c.yaml"));
    assertThat(TemplateReader.childPath(Path.of("parent.yaml"), "c.yaml"))
        .isEqualTo(Path.of("c.yaml"));
  }

  // ------------------------------------------------------------------ nested stacks

  private static String stack(String id, String url) {
    return "  " + id + ":\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
        + "      TemplateURL: " + url + "\n";
  }

  @Test
  void aNestedStackOutsideTheFileSystemIsAWarningNotAnError() throws Exception {
    Template remote = yaml("Resources:\n" + stack("Net", "https://s3.amazonaws.com/b/net.yaml"));
    assertThat(remote.nestedStacks()).isEmpty();
    assertThat(remote.warnings()).containsExactly("The nested stack Net in t.yaml has a template"
        + " that is not a local file, so the resources inside it are not seen.");
    Template text = yaml("Resources:\n" + stack("Net", "net.yaml"));
    assertThat(text.warnings()).containsExactly("The nested stack Net in t.yaml names a local"
        + " template, but the text was read without its directory, so the resources inside it"
        + " are not seen.");
  }

  @Test
  void theCdkAssetPathNamesTheChildOnlyForTheTemplateUrlProperty(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("child.json"),
        "{\"Resources\": {\"Inner\": {\"Type\": \"AWS::SQS::Queue\"}}}");
    String cdkStack = """
          Net:
            Type: AWS::CloudFormation::Stack
            Properties:
              TemplateURL: {Fn::Join: ["", ["https://s3/", x.json]]}
            Metadata:
              aws:asset:path: %s
              aws:asset:property: %s
        """;
    Path parent = dir.resolve("parent.yaml");
    Files.writeString(parent, "Resources:\n" + cdkStack.formatted("child.json", "TemplateURL"));
    Template t = TemplateReader.read(parent);
    assertThat(t.nestedStacks().get("Net").resources()).containsOnlyKeys("Inner");

    Files.writeString(parent, "Resources:\n" + cdkStack.formatted("child.json", "Other"));
    assertThat(TemplateReader.read(parent).nestedStacks()).isEmpty();
    Files.writeString(parent,
        "Resources:\n" + cdkStack.formatted("s3://b/child.json", "TemplateURL"));
    assertThat(TemplateReader.read(parent).nestedStacks()).isEmpty();
  }

  @Test
  void aMissingChildIsAnErrorThatNamesIt(@TempDir Path dir) throws Exception {
    Path parent = dir.resolve("parent.yaml");
    Files.writeString(parent, "Resources:\n" + stack("Net", "net.yaml"));
    assertThatThrownBy(() -> TemplateReader.read(parent))
        .hasMessage(parent + ": nested stack Net has TemplateURL net.yaml, but "
            + dir.resolve("net.yaml") + " does not exist; without it plangate cannot see what"
            + " the child stack changes (" + parent + ": nested stack Net (" + parent
            + ":2))");
    assertThatThrownBy(() -> TemplateReader.read(dir.resolve("none.yaml")))
        .hasMessage(dir.resolve("none.yaml") + ": no such file");
  }

  @Test
  void aTemplateThatIncludesItselfIsACycle(@TempDir Path dir) throws Exception {
    Path self = dir.resolve("self.yaml");
    Files.writeString(self, "Resources:\n" + stack("Again", "self.yaml"));
    assertThatThrownBy(() -> TemplateReader.read(self))
        .hasMessage(self + ": nested stack Again includes " + self
            + ", which includes it again (a cycle)");
    Path a = dir.resolve("a.yaml");
    Files.writeString(a, "Resources:\n" + stack("B", "b.yaml"));
    Files.writeString(dir.resolve("b.yaml"), "Resources:\n" + stack("A", "a.yaml"));
    assertThatThrownBy(() -> TemplateReader.read(a))
        .hasMessage(dir.resolve("b.yaml") + ": nested stack A includes " + a
            + ", which includes it again (a cycle)");
  }

  /** Writes c0.yaml including c1.yaml ... including c{levels}.yaml, which holds a queue. */
  private static Path chain(Path dir, int levels) throws Exception {
    Files.createDirectories(dir);
    for (int i = 0; i < levels; i++) {
      Files.writeString(dir.resolve("c" + i + ".yaml"),
          "Resources:\n" + stack("S" + (i + 1), "c" + (i + 1) + ".yaml"));
    }
    Files.writeString(dir.resolve("c" + levels + ".yaml"),
        "Resources:\n  Queue: {Type: AWS::SQS::Queue}\n");
    return dir.resolve("c0.yaml");
  }

  @Test
  void nestedStacksMayGoTenLevelsDeepButNotEleven(@TempDir Path dir) throws Exception {
    Template t = TemplateReader.read(chain(dir.resolve("ten"), 10));
    for (int i = 1; i <= 10; i++) {
      t = t.nestedStacks().get("S" + i);
    }
    assertThat(t.resources()).containsOnlyKeys("Queue");
    Path eleven = chain(dir.resolve("eleven"), 11);
    assertThatThrownBy(() -> TemplateReader.read(eleven))
        .hasMessage(dir.resolve("eleven/c10.yaml")
            + ": nested stacks go deeper than 10 levels at S11");
  }

  /** A root with two stacks of one child, which holds {@code stacks} stacks of one leaf. */
  private static Path twoUsesOfAChildOf(Path dir, int stacks) throws Exception {
    Files.createDirectories(dir);
    StringBuilder child = new StringBuilder("Resources:\n");
    for (int i = 0; i < stacks; i++) {
      child.append(stack("L" + i, "leaf.yaml"));
    }
    Files.writeString(dir.resolve("child.yaml"), child);
    Files.writeString(dir.resolve("leaf.yaml"), "Resources:\n  Q: {Type: AWS::SQS::Queue}\n");
    Path root = dir.resolve("root.yaml");
    Files.writeString(root, "Resources:\n" + stack("One", "child.yaml")
        + stack("Two", "child.yaml"));
    return root;
  }

  /**
   * A child used twice counts with everything inside it each time, and the root counts too:
   * 1 + 2 * (1 + 498) = 999 templates are read, 1 + 2 * (1 + 499) = 1001 are not.
   */
  @Test
  void aChildUsedTwiceCountsWithItsOwnChildrenTowardsTheTemplateLimit(@TempDir Path dir)
      throws Exception {
    Template t = TemplateReader.read(twoUsesOfAChildOf(dir.resolve("under"), 498));
    assertThat(t.nestedStacks().get("Two").nestedStacks()).hasSize(498);
    Path over = twoUsesOfAChildOf(dir.resolve("over"), 499);
    assertThatThrownBy(() -> TemplateReader.read(over))
        .hasMessageContaining("the nested stacks hold more than 1000 templates in all");
  }

  /** A root and {@code uses} nested stacks of one leaf. */
  private static Path rootOfLeaves(Path dir, int uses) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("leaf.yaml"), "Resources:\n  Q: {Type: AWS::SQS::Queue}\n");
    StringBuilder root = new StringBuilder("Resources:\n");
    for (int i = 0; i < uses; i++) {
      root.append(stack("L" + i, "leaf.yaml"));
    }
    return Files.writeString(dir.resolve("root.yaml"), root);
  }

  @Test
  void theRootCountsTowardsTheTemplateLimit(@TempDir Path dir) throws Exception {
    assertThat(TemplateReader.read(rootOfLeaves(dir.resolve("thousand"), 999)).nestedStacks())
        .hasSize(999);
    Path over = rootOfLeaves(dir.resolve("over"), 1000);
    assertThatThrownBy(() -> TemplateReader.read(over))
        .hasMessageContaining("the nested stacks hold more than 1000 templates in all");
  }

  /** A template of exactly {@code length} characters. */
  private static String padded(int length) {
    String head = "Resources:\n  A: {Type: AWS::SNS::Topic}\n# ";
    return head + "x".repeat(length - head.length());
  }

  /**
   * A root of {@code rootLength} characters with three children of the largest size a template
   * may have: four such files are as much as one read takes in.
   */
  private static Path bigTree(Path dir, int rootLength) throws Exception {
    int max = TemplateYaml.MAX_CODE_POINTS;
    Files.createDirectories(dir);
    String stacks = "Resources:\n" + stack("C1", "c1.yaml") + stack("C2", "c2.yaml")
        + stack("C3", "c3.yaml") + "# ";
    for (int i = 1; i <= 3; i++) {
      Files.writeString(dir.resolve("c" + i + ".yaml"), padded(max));
    }
    return Files.writeString(dir.resolve("root.yaml"),
        stacks + "x".repeat(rootLength - stacks.length()));
  }

  @Test
  void theCharactersOfEveryFileCountTowardsOneLimit(@TempDir Path dir) throws Exception {
    int max = TemplateYaml.MAX_CODE_POINTS;
    assertThat(TemplateReader.read(bigTree(dir.resolve("fits"), max)).nestedStacks())
        .hasSize(3);
    Path over = bigTree(dir.resolve("over"), max);
    Files.writeString(over.resolveSibling("c3.yaml"), padded(max) + "x");
    assertThatThrownBy(() -> TemplateReader.read(over))
        .hasMessageContaining("the templates read together have more than " + 4L * max
            + " characters");
  }

  // ------------------------------------------------------------------ Fn::ForEach

  @Test
  void aForEachOverAParameterDefaultExpandsItsCommaSeparatedValues() throws Exception {
    Template t = yaml("""
        Transform: AWS::LanguageExtensions
        Parameters:
          Names: {Type: CommaDelimitedList, Default: "a, b-1 ,c"}
        Resources:
          Fn::ForEach::Topics:
            - N
            - !Ref Names
            - Topic&{N}:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Ref N
                  DisplayName: !Sub "${ N }-${AWS::Region}"
                  Plain: !Sub "${N}"
                  Listed: !Sub ["${N}-${x}", {x: !Ref N}]
                  Other: !Ref Names
                  Tags: [{Key: "${N}", Value: "&{N}"}]
                  Map: {"K${N}": v}
        """);
    assertThat(t.resources()).containsOnlyKeys("Topica", "Topicb1", "Topicc");
    Map<String, Object> p = t.resources().get("Topicb1").properties();
    assertThat(p.get("TopicName")).isEqualTo("b-1");
    assertThat(p.get("DisplayName")).isEqualTo(Map.of("Fn::Sub", "b-1-${AWS::Region}"));
    assertThat(p.get("Plain")).isEqualTo("b-1");
    assertThat(p.get("Listed")).isEqualTo(Map.of("Fn::Sub", List.of("b-1-${x}",
        Map.of("x", "b-1"))));
    assertThat(p.get("Other")).isEqualTo(Map.of("Ref", "Names"));
    assertThat(p.get("Tags")).isEqualTo(List.of(Map.of("Key", "${N}", "Value", "&{N}")));
    assertThat(p.get("Map")).isEqualTo(Map.of("Kb-1", "v"));
    assertThat(t.resources().get("Topicb1").location()).isEqualTo("t.yaml:5");
  }

  @Test
  void aForEachOverAListDefaultOrNumbersExpandsToo() throws Exception {
    Template t = yaml("""
        Parameters:
          Sizes: {Type: CommaDelimitedList, Default: [s, m]}
        Resources:
          Fn::ForEach::BySize:
            - S
            - {Ref: Sizes}
            - Q${S}: {Type: AWS::SQS::Queue}
          Fn::ForEach::ByNumber:
            - N
            - [1, 2.50, true]
            - T${N}: {Type: AWS::SNS::Topic}
          Kept: {Type: AWS::SNS::Topic}
        """);
    assertThat(t.resources()).containsOnlyKeys("Qs", "Qm", "T1", "T2.50", "Ttrue", "Kept");
  }

  @Test
  void aLoopInsideALoopExpandsForEveryValueOfBoth() throws Exception {
    Template t = yaml("""
        Resources:
          Fn::ForEach::Outer:
            - X
            - [a, b]
            - Fn::ForEach::Inner:
                - Y
                - [1, 2]
                - R${X}${Y}:
                    Type: AWS::SNS::Topic
                    Properties: {Name: !Sub "${X}-${Y}"}
        """);
    assertThat(t.resources()).containsOnlyKeys("Ra1", "Ra2", "Rb1", "Rb2");
    assertThat(t.resources().get("Rb2").properties()).isEqualTo(Map.of("Name", "b-2"));
  }

  @Test
  void loopsThatCannotBeExpandedStayOpaqueInResourcesAndAreDroppedFromOutputs()
      throws Exception {
    String loops = """
          Fn::ForEach::NoDefault: [N, !Ref NoDefault, {"R${N}": {Type: AWS::SNS::Topic}}]
          Fn::ForEach::Undefined: [N, !Ref Nowhere, {"R${N}": {Type: AWS::SNS::Topic}}]
          Fn::ForEach::MapDefault: [N, !Ref MapDefault, {"R${N}": {Type: AWS::SNS::Topic}}]
          Fn::ForEach::TwoParts: [N, [a]]
          Fn::ForEach::NotAnId: [[N], [a], {"R${N}": {Type: AWS::SNS::Topic}}]
          Fn::ForEach::NoFragment: [N, [a], R]
          Fn::ForEach::NotALoop: text
          Fn::ForEach::MapValue: [N, [{a: b}], {"R${N}": {Type: AWS::SNS::Topic}}]
          Fn::ForEach::ListValue: [N, [[a]], {"R${N}": {Type: AWS::SNS::Topic}}]
          Fn::ForEach::NullValue: [N, [~], {"R${N}": {Type: AWS::SNS::Topic}}]
          Fn::ForEach::TwoKeys: [N, {Ref: NoDefault, x: y}, {"R${N}": {Type: AWS::SNS::Topic}}]
          Fn::ForEach::RefList: [N, {Ref: [NoDefault]}, {"R${N}": {Type: AWS::SNS::Topic}}]
        """;
    Template t = yaml("""
        Parameters:
          NoDefault: {Type: CommaDelimitedList}
          MapDefault: {Type: String, Default: {a: b}}
          NotAMap: text
        Resources:
        """ + loops + """
        Outputs:
          Fn::ForEach::Out: [N, !Ref NoDefault, {"O${N}": {Value: x}}]
          Fn::ForEach::NotAMapParameter: [N, !Ref NotAMap, {"P${N}": {Value: x}}]
        """);
    List<String> ids = loops.lines().map(l -> l.strip().substring(0, l.strip().indexOf(": ")))
        .toList();
    assertThat(t.resources().keySet()).containsExactlyElementsOf(ids);
    assertThat(t.resources().values())
        .allMatch(r -> r.type().equals("AWS::LanguageExtensions::ForEach"));
    assertThat(t.outputs()).isEmpty();
    assertThat(t.warnings()).hasSize(ids.size() + 2)
        .contains("t.yaml: Outputs.Fn::ForEach::Out cannot be expanded (its collection is not a"
            + " literal list or a parameter default), so the resources it generates are not"
            + " seen one by one.");
  }

  @Test
  void aKeyDefinedTwiceThroughALoopIsRefused() {
    assertThatThrownBy(() -> yaml("""
        Resources:
          TopicA: {Type: AWS::SNS::Topic}
          Fn::ForEach::Topics:
            - N
            - [A]
            - Topic${N}: {Type: AWS::SNS::Topic}
        """)).hasMessage("t.yaml: Resources.TopicA is defined twice (once through"
            + " Fn::ForEach)");
    assertThatThrownBy(() -> yaml("""
        Resources:
          Fn::ForEach::Topics:
            - N
            - [A, A]
            - Topic${N}: {Type: AWS::SNS::Topic}
        """)).hasMessage("t.yaml: Resources.TopicA is defined twice (once through"
            + " Fn::ForEach)");
  }

  // ------------------------------------------------------------------ values as read

  @Test
  void jsonScalarsKeepTheirTypes() throws Exception {
    Template t = TemplateReader.parse("""
        {"Resources": {"A": {"Type": "AWS::SNS::Topic", "Properties": {
          "Int": 10, "Float": 1.50, "Yes": true, "No": false, "None": null, "Text": "x"}}}}
        """, "t.json");
    Map<String, Object> p = t.resources().get("A").properties();
    assertThat(TemplateValues.scalarText(p.get("Int"))).isEqualTo("10");
    assertThat(TemplateValues.scalarText(p.get("Float"))).isEqualTo("1.5");
    assertThat(p.get("Yes")).isEqualTo(true);
    assertThat(p.get("No")).isEqualTo(false);
    assertThat(p).containsEntry("None", null);
    assertThat(p.get("Text")).isEqualTo("x");
  }

  @Test
  void onlyTheTopLevelResourcesOfAJsonTemplateGiveLines() throws Exception {
    Template t = TemplateReader.parse("""
        {"Metadata": [{"Resources": {"A": 1}}],
         "Resources": {
           "A": {"Type": "AWS::SNS::Topic"}}}
        """, "t.json");
    assertThat(t.resources().get("A").location()).isEqualTo("t.json:3");
  }

  @Test
  void aShortGetAttNeedsANameAndAnAttribute() {
    assertThatThrownBy(() -> yaml("Resources:\n  A:\n    Type: AWS::SNS::Topic\n"
        + "    Properties: {X: !GetAtt .Arn}\n"))
        .hasMessageContaining("!GetAtt .Arn is not LogicalId.Attribute");
    assertThatThrownBy(() -> yaml("Resources:\n  A:\n    Type: AWS::SNS::Topic\n"
        + "    Properties: {X: !GetAtt B.}\n"))
        .hasMessageContaining("!GetAtt B. is not LogicalId.Attribute");
  }

  /** IAM's Null condition operator is a key YAML 1.1 would read as null. */
  @Test
  void aNullLookingKeyInsideAListIsText() throws Exception {
    Template t = yaml("""
        Resources:
          Policy:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Deny
                    Condition:
                      Null: {aws:MultiFactorAuthAge: "true"}
        """);
    @SuppressWarnings("unchecked")
    Map<String, Object> document = (Map<String, Object>) t.resources().get("Policy")
        .properties().get("PolicyDocument");
    assertThat(document.get("Statement")).isEqualTo(List.of(Map.of("Effect", "Deny",
        "Condition", Map.of("Null", Map.of("aws:MultiFactorAuthAge", "true")))));
  }

  @Test
  void yamlMergeKeysMergeWithAWarning() throws Exception {
    Template t = yaml("""
        Resources:
          A:
            Type: AWS::SQS::Queue
            Properties: &common {VisibilityTimeout: "30"}
          B:
            Type: AWS::SQS::Queue
            Properties:
              <<: *common
              DelaySeconds: "5"
        """);
    assertThat(t.resources().get("B").properties())
        .isEqualTo(Map.of("VisibilityTimeout", "30", "DelaySeconds", "5"));
    assertThat(t.warnings()).singleElement().asString().contains("anchors and aliases");
  }

  @Test
  void aParameterDefaultIsText() {
    Template t = new Template("t.yaml", null, List.of(), Map.of(
        "List", Map.of("Default", List.of("a", 1)),
        "Number", Map.of("Default", new java.math.BigDecimal("10.0")),
        "Text", Map.of("Default", "x"),
        "Mapping", Map.of("Default", Map.of("a", "b")),
        "NoDefault", Map.of("Type", "String"),
        "NotAMapping", "x"), Map.of(), Map.of(), Map.of(), Map.of(), List.of());
    assertThat(t.parameterDefault("List")).isEqualTo("a,1");
    assertThat(t.parameterDefault("Number")).isEqualTo("10");
    assertThat(t.parameterDefault("Text")).isEqualTo("x");
    assertThat(t.parameterDefault("Mapping")).isNull();
    assertThat(t.parameterDefault("NoDefault")).isNull();
    assertThat(t.parameterDefault("NotAMapping")).isNull();
    assertThat(t.parameterDefault("Missing")).isNull();
  }

  @Test
  void anEdgeNamesTheTopLevelPropertyItSitsIn() {
    assertThat(TemplateEdge.propertyOf("Properties/SubnetIds/0")).isEqualTo("SubnetIds");
    assertThat(TemplateEdge.propertyOf("Properties/VpcId")).isEqualTo("VpcId");
    assertThat(TemplateEdge.propertyOf("Properties//0")).isEmpty();
    assertThat(TemplateEdge.propertyOf("Metadata/x")).isNull();
  }

  // ------------------------------------------------------------------ size limits

  private static final String SMALL_YAML = "Resources:\n  A: {Type: AWS::SNS::Topic}\n# ";

  /** Five million characters are read; a character beyond them is refused, counted as such. */
  @Test
  void theCharacterLimitCountsCodePoints() throws Exception {
    int max = TemplateYaml.MAX_CODE_POINTS;
    String emoji = "\uD83D\uDE00";
    String fits = SMALL_YAML + "x".repeat(max - SMALL_YAML.length() - 1) + emoji;
    assertThat(fits.length()).isEqualTo(max + 1);
    assertThat(yaml(fits).resources()).containsOnlyKeys("A");
    String over = SMALL_YAML + "x".repeat(max + 1 - SMALL_YAML.length());
    assertThatThrownBy(() -> yaml(over)).hasMessage("t.yaml: the file is longer than " + max
        + " characters, far above CloudFormation's own template size limit");
    String json = "{\"Resources\": {\"A\": {\"Type\": \"AWS::SNS::Topic\"}}}";
    String jsonFits = json + " ".repeat(max - json.length());
    assertThat(TemplateReader.parse(jsonFits, "t.json").resources()).containsOnlyKeys("A");
    assertThatThrownBy(() -> TemplateReader.parse(jsonFits + " ", "t.json"))
        .hasMessage("t.json: the file is longer than " + max
            + " characters, far above CloudFormation's own template size limit");
  }

  // ------------------------------------------------------------------ cloud assemblies

  /** Writes {@code stages} cloud assemblies each holding the next, the last holding a stack. */
  private static Path stages(Path dir, int stages) throws Exception {
    Path cdk = Files.createDirectories(dir.resolve("cdk.out"));
    Path d = cdk;
    for (int i = 0; i < stages; i++) {
      Files.writeString(d.resolve("manifest.json"), "{\"artifacts\": {\"Stage\": {\"type\":"
          + " \"cdk:cloud-assembly\", \"properties\": {\"directoryName\": \"s\"}}}}");
      d = Files.createDirectories(d.resolve("s"));
    }
    Files.writeString(d.resolve("manifest.json"), "{\"artifacts\": {\"S\": {\"type\":"
        + " \"aws:cloudformation:stack\", \"properties\": {\"templateFile\":"
        + " \"S.template.json\"}}}}");
    Files.writeString(d.resolve("S.template.json"),
        "{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}");
    return cdk;
  }

  @Test
  void stagesMayNestTenLevelsButNotEleven(@TempDir Path dir) throws Exception {
    assertThat(TemplateCloudAssembly.stacks(stages(dir.resolve("ten"), 10))).containsOnlyKeys("S");
    Path eleven = stages(dir.resolve("eleven"), 11);
    assertThatThrownBy(() -> TemplateCloudAssembly.stacks(eleven))
        .hasMessage(eleven.resolve("s/s/s/s/s/s/s/s/s/s/s/manifest.json")
            + ": stages are nested more than 10 levels deep");
  }

  @Test
  void aCommittedAssemblyReadsItsNestedTemplatesFromItsOwnDirectory(@TempDir Path dir)
      throws Exception {
    dev.plangate.core.testing.GitFixture repo = dev.plangate.core.testing.GitFixture
        .init(dir.resolve("repo"))
        .write("app/cdk.out/manifest.json", "{\"artifacts\": {\"S\": {\"type\":"
            + " \"aws:cloudformation:stack\", \"properties\": {\"templateFile\":"
            + " \"S.template.json\"}}}}")
        .write("app/cdk.out/S.template.json", "{\"Resources\": {\"Net\": {\"Type\":"
            + " \"AWS::CloudFormation::Stack\", \"Properties\": {\"TemplateURL\":"
            + " \"Net.nested.template.json\"}}}}")
        .write("app/cdk.out/Net.nested.template.json",
            "{\"Resources\": {\"Vpc\": {\"Type\": \"AWS::EC2::VPC\"}}}");
    String sha = repo.commit("synth\n");
    Map<String, Template> stacks = TemplateCloudAssembly.stacks(
        dev.plangate.core.git.GitRepository.open(repo.dir()), sha, "base", "app/cdk.out");
    assertThat(stacks.get("S").nestedStacks().get("Net").resources()).containsOnlyKeys("Vpc");
  }

  @Test
  void aControlCharacterInYamlIsRefusedWithItsPosition() {
    assertThatThrownBy(() -> yaml("Resources:\n\u0001"))
        .hasMessage("t.yaml: character U+0001 at character 12 is not allowed in YAML (only"
            + " printable characters are)");
  }

  @Test
  void aCommittedAssemblysNestedTemplateMayNotLeaveItsDirectory(@TempDir Path dir)
      throws Exception {
    dev.plangate.core.testing.GitFixture repo = dev.plangate.core.testing.GitFixture
        .init(dir.resolve("repo"))
        .write("app/secret.json", "{\"Resources\": {\"Vpc\": {\"Type\": \"AWS::EC2::VPC\"}}}")
        .write("app/cdk.out/manifest.json", "{\"artifacts\": {\"S\": {\"type\":"
            + " \"aws:cloudformation:stack\", \"properties\": {\"templateFile\":"
            + " \"S.template.json\"}}}}")
        .write("app/cdk.out/S.template.json", "{\"Resources\": {\"Net\": {\"Type\":"
            + " \"AWS::CloudFormation::Stack\", \"Properties\": {\"TemplateURL\":"
            + " \"../secret.json\"}}}}");
    String sha = repo.commit("synth\n");
    dev.plangate.core.git.GitRepository git =
        dev.plangate.core.git.GitRepository.open(repo.dir());
    assertThatThrownBy(() -> TemplateCloudAssembly.stacks(git, sha, "base", "app/cdk.out"))
        .isInstanceOf(PlanReadException.class)
        .hasMessage("base:app/cdk.out/S.template.json: nested stack Net"
            + " (base:app/cdk.out/S.template.json:1) has TemplateURL ../secret.json, which points"
            + " outside base:app/cdk.out, the directory of the template plangate was given;"
            + " nested templates are read only from there");
  }
}
