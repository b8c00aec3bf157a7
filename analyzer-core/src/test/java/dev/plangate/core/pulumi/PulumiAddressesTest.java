package dev.plangate.core.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

class PulumiAddressesTest {
  private static final String A = "urn:pulumi:dev::app::";

  @Test
  void anUnambiguousUrnShowsOwnTypeAndName() {
    String urn = A + "aws:s3/bucket:Bucket$aws:s3:BucketEventSubscription"
        + "$aws:lambda/function:Function::docsHandler";
    assertThat(PulumiAddresses.shorten(List.of(urn)))
        .containsEntry(urn, "aws:lambda/function:Function::docsHandler");
  }

  @Test
  void twoComponentsWithSameNamedChildrenKeepTheirParentChains() {
    String inA = A + "my:app:Service$aws:s3/bucket:Bucket::data";
    String inB = A + "my:app:Worker$aws:s3/bucket:Bucket::data";
    String alone = A + "aws:s3/bucket:Bucket::logs";
    Map<String, String> out = PulumiAddresses.shorten(List.of(inA, inB, alone));
    assertThat(out).containsEntry(inA, "my:app:Service$aws:s3/bucket:Bucket::data")
        .containsEntry(inB, "my:app:Worker$aws:s3/bucket:Bucket::data")
        // one clash does not lengthen the others
        .containsEntry(alone, "aws:s3/bucket:Bucket::logs");
  }

  @Test
  void urnsOfDifferentStacksThatOtherwiseCollideStayFull() {
    String dev = "urn:pulumi:dev::app::aws:s3/bucket:Bucket::data";
    String prod = "urn:pulumi:prod::app::aws:s3/bucket:Bucket::data";
    assertThat(PulumiAddresses.shorten(List.of(dev, prod)))
        .containsEntry(dev, dev).containsEntry(prod, prod);
  }

  @Test
  void anUnparseableUrnIsShownVerbatimAndNeverCollides() {
    String odd = "aws:s3/bucket:Bucket::data";
    String real = A + "aws:s3/bucket:Bucket::data";
    Map<String, String> out = PulumiAddresses.shorten(List.of(odd, real));
    assertThat(new HashSet<>(out.values())).hasSize(2);
    assertThat(out.get(odd)).isEqualTo(odd);
  }

  @Test
  void addressesAreUniqueForAnySetOfUrns() {
    // Small alphabets force clashes of short and qualified forms.
    Gen<String> stack = SourceDSL.arbitrary().pick(List.of("dev", "prod"));
    Gen<String> chain = SourceDSL.arbitrary().pick(List.of("", "my:c:A$", "my:c:B$",
        "my:c:A$my:c:B$"));
    Gen<String> type = SourceDSL.arbitrary().pick(List.of("aws:s3/bucket:Bucket",
        "aws:iam/role:Role"));
    Gen<String> name = SourceDSL.arbitrary().pick(List.of("x", "y", "x::y"));
    Gen<String> urn = stack.zip(chain, type, name,
        (s, c, t, n) -> "urn:pulumi:" + s + "::p::" + c + t + "::" + n);
    qt().forAll(SourceDSL.lists().of(urn).ofSizeBetween(1, 30)).checkAssert(urns -> {
      Map<String, String> out = PulumiAddresses.shorten(urns);
      assertThat(out.keySet()).containsExactlyInAnyOrderElementsOf(new HashSet<>(urns));
      assertThat(new HashSet<>(out.values())).hasSameSizeAs(out.values());
      // the same set in another order gives the same addresses
      List<String> reversed = new ArrayList<>(urns);
      java.util.Collections.reverse(reversed);
      assertThat(PulumiAddresses.shorten(reversed)).isEqualTo(out);
    });
  }
}
