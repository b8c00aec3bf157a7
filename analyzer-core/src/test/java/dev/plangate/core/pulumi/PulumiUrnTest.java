package dev.plangate.core.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PulumiUrnTest {

  @Test
  void splitsStackProjectTypeAndName() {
    PulumiUrn u = PulumiUrn.parse("urn:pulumi:dev::sample::aws:s3/bucket:Bucket::my-bucket");
    assertThat(u.stack()).isEqualTo("dev");
    assertThat(u.project()).isEqualTo("sample");
    assertThat(u.type()).isEqualTo("aws:s3/bucket:Bucket");
    assertThat(u.name()).isEqualTo("my-bucket");
    assertThat(u.parentTypes()).isEmpty();
    assertThat(u.shortForm()).isEqualTo("aws:s3/bucket:Bucket::my-bucket");
  }

  @Test
  void theOwnTypeIsTheLastSegmentOfTheParentChain() {
    PulumiUrn u = PulumiUrn.parse("urn:pulumi:dev::sample::aws:s3/bucket:Bucket"
        + "$aws:s3:BucketEventSubscription$aws:iam/role:Role::docsHandler");
    assertThat(u.type()).isEqualTo("aws:iam/role:Role");
    assertThat(u.parentTypes())
        .isEqualTo(List.of("aws:s3/bucket:Bucket", "aws:s3:BucketEventSubscription"));
    assertThat(u.qualifiedForm()).isEqualTo("aws:s3/bucket:Bucket"
        + "$aws:s3:BucketEventSubscription$aws:iam/role:Role::docsHandler");
  }

  @Test
  void theNameKeepsEverythingAfterTheThirdSeparator() {
    // Pulumi splits on the first three "::" only; names may contain "::" themselves.
    PulumiUrn u = PulumiUrn.parse("urn:pulumi:s::p::pulumi:providers:aws::default::extra");
    assertThat(u.type()).isEqualTo("pulumi:providers:aws");
    assertThat(u.name()).isEqualTo("default::extra");
  }

  @Test
  void textThatIsNotAUrnIsRejected() {
    assertThatThrownBy(() -> PulumiUrn.parse("aws:s3/bucket:Bucket::x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("urn:pulumi:");
    assertThatThrownBy(() -> PulumiUrn.parse("urn:pulumi:stack::project::typeonly"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PulumiUrn.parse("urn:pulumi:s::p::::name"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty type");
  }

  @Test
  void aProviderReferenceLosesItsIdButAUrnAloneIsKept() {
    assertThat(PulumiJson.providerUrn(
        "urn:pulumi:test::test::pulumi:providers:pkgA::default::1aff04fc-86f1"))
        .isEqualTo("urn:pulumi:test::test::pulumi:providers:pkgA::default");
    assertThat(PulumiJson.providerUrn("urn:pulumi:test::test::pulumi:providers:pkgA::default"))
        .isEqualTo("urn:pulumi:test::test::pulumi:providers:pkgA::default");
    assertThat(PulumiJson.providerUrn("")).isNull();
  }
}
