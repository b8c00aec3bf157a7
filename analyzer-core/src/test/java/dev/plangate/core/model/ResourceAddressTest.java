package dev.plangate.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Terraform addresses as the readers and the rename detector rely on them: keys may hold dots,
 * brackets and escaped quotes, and anything malformed is refused rather than half-read.
 */
class ResourceAddressTest {
  @Test
  void stepsKeepTheirKeysAsWrittenIncludingDotsBracketsAndEscapedQuotes() {
    assertThat(AddressStep.tokenize("module.a[\"x.y[0]\"].aws_s3_bucket.b[0]")).containsExactly(
        new AddressStep("module", null), new AddressStep("a", "\"x.y[0]\""),
        new AddressStep("aws_s3_bucket", null), new AddressStep("b", "0"));
    assertThat(AddressStep.tokenize("t.r[\"say \\\"hi\\\"\"]")).containsExactly(
        new AddressStep("t", null), new AddressStep("r", "\"say \\\"hi\\\"\""));
    assertThat(AddressStep.tokenize("a")).containsExactly(new AddressStep("a", null));
    assertThat(AddressStep.tokenize("x[10]")).containsExactly(new AddressStep("x", "10"));
  }

  @Test
  void aNestedIndexKeepsOnlyTheFirstKey() {
    assertThat(AddressStep.tokenize("var.list[0][1].name")).containsExactly(
        new AddressStep("var", null), new AddressStep("list", "0"), new AddressStep("name", null));
    assertThat(AddressStep.tokenize("a[0][1]")).containsExactly(new AddressStep("a", "0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".a", "a..b", "a.", "a[0", "a[\"x", "a[\"x\"", "a[\"x\"x]",
      "a[0]b", "a[\"x\\\"]", "[0]"})
  void malformedAddressesAreRefused(String text) {
    assertThatThrownBy(() -> AddressStep.tokenize(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusalsSayWhatIsWrong() {
    assertThatThrownBy(() -> AddressStep.tokenize("a..b"))
        .hasMessage("empty step at offset 2 in a..b");
    assertThatThrownBy(() -> AddressStep.tokenize("a.")).hasMessage("trailing dot in a.");
    assertThatThrownBy(() -> AddressStep.tokenize("a[0]b")).hasMessage("unexpected 'b' in a[0]b");
    assertThatThrownBy(() -> AddressStep.tokenize("a[\"x")).hasMessage("unterminated key in a[\"x");
    assertThatThrownBy(() -> AddressStep.tokenize("a[0")).hasMessage("unterminated key in a[0");
  }

  @Test
  void aStepIsWrittenBackAsItWasRead() {
    assertThat(new AddressStep("a", "\"x\"").text()).isEqualTo("a[\"x\"]");
    assertThat(new AddressStep("a", null).text()).isEqualTo("a");
  }

  @Test
  void anInstanceAddressIsSplitIntoModulesTypeNameAndKey() {
    ResourceAddress a = ResourceAddress.parse("module.a[\"x\"].module.b.aws_db_instance.main[2]");
    assertThat(a.modules()).containsExactly(new AddressStep("a", "\"x\""),
        new AddressStep("b", null));
    assertThat(a.data()).isFalse();
    assertThat(a.type()).isEqualTo("aws_db_instance");
    assertThat(a.name()).isEqualTo("main");
    assertThat(a.key()).isEqualTo("2");
    assertThat(a.configAddress()).isEqualTo("module.a.module.b.aws_db_instance.main");
    assertThat(a.resourceConfigPart()).isEqualTo("aws_db_instance.main");
    assertThat(a.resourcePart()).isEqualTo("aws_db_instance.main[2]");
    assertThat(a.moduleInstance()).isEqualTo("module.a[\"x\"].module.b");
    assertThat(a.moduleInstance(1)).isEqualTo("module.a[\"x\"]");
    assertThat(a.moduleInstance(0)).isEmpty();
    assertThat(a.moduleNames()).containsExactly("a", "b");
    assertThat(a).hasToString("module.a[\"x\"].module.b.aws_db_instance.main[2]");
  }

  @Test
  void aRootDataSourceHasNoModulesAndIsMarkedData() {
    ResourceAddress d = ResourceAddress.parse("data.aws_ami.ubuntu");
    assertThat(d.modules()).isEmpty();
    assertThat(d.data()).isTrue();
    assertThat(d.type()).isEqualTo("aws_ami");
    assertThat(d.name()).isEqualTo("ubuntu");
    assertThat(d.key()).isNull();
    assertThat(d.resourcePart()).isEqualTo("data.aws_ami.ubuntu");
    assertThat(d.configAddress()).isEqualTo("data.aws_ami.ubuntu");
    assertThat(d.moduleInstance()).isEmpty();
    assertThat(d).hasToString("data.aws_ami.ubuntu");
  }

  @Test
  void resourcesNamedLikeKeywordsAreStillResources() {
    // a resource of type "module" or "data" is impossible in Terraform, but a resource named so
    // is not: the last two steps are always type and name
    ResourceAddress m = ResourceAddress.parse("module.m.data.x");
    assertThat(m.modules()).containsExactly(new AddressStep("m", null));
    assertThat(m.data()).isFalse();
    assertThat(m.type()).isEqualTo("data");
    assertThat(m.name()).isEqualTo("x");

    ResourceAddress t = ResourceAddress.parse("module.data");
    assertThat(t.modules()).isEmpty();
    assertThat(t.type()).isEqualTo("module");
    assertThat(t.name()).isEqualTo("data");

    ResourceAddress d = ResourceAddress.parse("module.m.data.t.n");
    assertThat(d.moduleNames()).containsExactly("m");
    assertThat(d.data()).isTrue();
    assertThat(d.resourcePart()).isEqualTo("data.t.n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"aws_s3_bucket", "module.m.aws_s3_bucket",
      "aws_s3_bucket[0].b", "data[0].t.n", "a.b.c", "module[0].m.t.n", "module.m.t.n.x",
      "data.t.n.x"})
  void whatIsNotAnInstanceAddressIsRefused(String text) {
    assertThatThrownBy(() -> ResourceAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aModuleCallWithAKeyIsNotAModuleStep() {
    assertThatThrownBy(() -> ResourceAddress.parse("module[\"k\"].m.t.n"))
        .hasMessage("not a resource address: module[\"k\"].m.t.n");
    assertThat(ResourceAddress.parse("module.m[0].t.n").modules())
        .containsExactly(new AddressStep("m", "0"));
    assertThat(List.of(ResourceAddress.parse("t.n[\"a\"]").key())).containsExactly("\"a\"");
  }

  /** equals and hashCode are written out (for start-up time): every component still counts. */
  @Test
  void addressesAreEqualExactlyWhenEveryPartIs() {
    String a = "module.m[\"k\"].data.t.n[0]";
    assertThat(ResourceAddress.parse(a)).isEqualTo(ResourceAddress.parse(a))
        .hasSameHashCodeAs(ResourceAddress.parse(a));
    for (String other : List.of("module.m[\"j\"].data.t.n[0]", "module.x[\"k\"].data.t.n[0]",
        "module.m[\"k\"].t.n[0]", "module.m[\"k\"].data.u.n[0]", "module.m[\"k\"].data.t.o[0]",
        "module.m[\"k\"].data.t.n[1]", "module.m[\"k\"].data.t.n", "data.t.n[0]")) {
      assertThat(ResourceAddress.parse(other)).as(other).isNotEqualTo(ResourceAddress.parse(a));
    }
    assertThat(new AddressStep("m", null)).isEqualTo(new AddressStep("m", null))
        .isNotEqualTo(new AddressStep("m", "0")).isNotEqualTo("m");
    assertThat(new ResourceAddress(List.of(), false, null, null, null))
        .isEqualTo(new ResourceAddress(List.of(), false, null, null, null))
        .hasSameHashCodeAs(new ResourceAddress(List.of(), false, null, null, null));
  }
}
