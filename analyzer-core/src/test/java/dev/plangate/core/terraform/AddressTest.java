package dev.plangate.core.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.model.AddressGenerators;
import dev.plangate.core.model.AddressStep;
import dev.plangate.core.model.ResourceAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class AddressTest {
  @Test
  void parsesModulesKeysAndDataSources() {
    ResourceAddress a = ResourceAddress.parse(
        "module.svc[\"a.b[c]\\\"d\"].module.db[0].data.aws_ami.base[\"x\"]");
    assertThat(a.moduleNames()).containsExactly("svc", "db");
    assertThat(a.modules().get(0).key()).isEqualTo("\"a.b[c]\\\"d\"");
    assertThat(a.data()).isTrue();
    assertThat(a.type()).isEqualTo("aws_ami");
    assertThat(a.key()).isEqualTo("\"x\"");
    assertThat(a.configAddress()).isEqualTo("module.svc.module.db.data.aws_ami.base");
    assertThat(a.moduleInstance()).isEqualTo("module.svc[\"a.b[c]\\\"d\"].module.db[0]");
  }

  @Test
  void aModuleNamedDataIsAModule() {
    ResourceAddress a = ResourceAddress.parse("module.data.aws_s3_bucket.b");
    assertThat(a.data()).isFalse();
    assertThat(a.moduleNames()).containsExactly("data");
    assertThat(TerraformPlanReader.isDataAddress("module.data.aws_s3_bucket.b")).isFalse();
    assertThat(TerraformPlanReader.isDataAddress("module.m.data.aws_ami.x")).isTrue();
  }

  @Test
  void rejectsWhatIsNotAnAddress() {
    assertThatThrownBy(() -> ResourceAddress.parse("aws_instance")).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> ResourceAddress.parse("a.b[\"open")).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> AddressStep.tokenize("a..b")).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> AddressStep.tokenize("a.b.")).isInstanceOf(
        IllegalArgumentException.class);
  }

  @Test
  void referencesKeepTheirTraversal() {
    assertThat(AddressStep.tokenize("module.network[\"primary\"].vpc_id"))
        .extracting(AddressStep::text)
        .containsExactly("module", "network[\"primary\"]", "vpc_id");
  }

  /** Any address built from arbitrary names and keys round-trips through the parser. */
  @Test
  void printedAddressesParseBack() {
    Gen<String> ident = AddressGenerators.identifiers();
    Gen<String> key = AddressGenerators.keys();
    QuickTheory.qt().forAll(SourceDSL.lists().of(ident.zip(key, AddressStep::new))
            .ofSizeBetween(0, 3), ident, ident, key)
        .check((mods, type, name, k) -> {
          ResourceAddress a = new ResourceAddress(mods, false, type, name, k);
          ResourceAddress b = ResourceAddress.parse(a.toString());
          return b.equals(a) && b.configAddress().equals(a.configAddress());
        });
  }

  @Test
  void moduleSuffixListsStayModuleSteps() {
    assertThat(ResourceAddress.parse("module.a.module.b.t.n").modules())
        .isEqualTo(List.of(new AddressStep("a", null), new AddressStep("b", null)));
  }
}
