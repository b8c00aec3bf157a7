package dev.plangate.core.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.plan.PlanReadException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unreadable input fails closed: one PlanReadException naming the file and the field. */
class PulumiReadErrorsTest {
  private static final String U = "urn:pulumi:dev::app::aws:s3/bucket:Bucket::b";
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  private AbstractThrowableAssert<?, ? extends Throwable> failsReading(String content)
      throws Exception {
    Path f = write("preview.json", content);
    return assertThatThrownBy(() -> new PulumiPreviewReader(ResourceCatalog.builtin())
        .read(f, null, "preview.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageStartingWith("preview.json: ")
        .satisfies(e -> assertThat(((PlanReadException) e).file()).isEqualTo("preview.json"));
  }

  /** The project's own preview (examples/pulumi-preview), cut in half. */
  @Test
  void aTruncatedDigestNamesTheFile() throws Exception {
    Path preview = Path.of(System.getProperty("plangate.root", ".."), "examples/pulumi-preview/preview.json");
    String whole = Files.readString(preview);
    failsReading(whole.substring(0, whole.length() / 2)).hasMessageContaining("truncated JSON");
  }

  /** An engine-event stream cut inside the line of a delete-replaced step. */
  @Test
  void aStreamCutInTheMiddleOfALineIsTruncatedNotShorter() throws Exception {
    String u = PulumiOpsTest.urn("aws:ec2/instance:Instance", "web");
    String old = PulumiOpsTest.state(u, "");
    String whole = String.join("\n",
        PulumiOpsTest.both("create-replacement", u, old, PulumiOpsTest.state(u, ""), ""),
        PulumiOpsTest.both("replace", u, old, PulumiOpsTest.state(u, ""), ""),
        PulumiOpsTest.both("delete-replaced", u, old, "null", ""),
        PulumiOpsTest.SUMMARY) + "\n";
    int cut = whole.indexOf("delete-replaced") + 10;
    failsReading(whole.substring(0, cut)).hasMessageContaining("truncated JSON");
  }

  @Test
  void emptyAndNonJsonFilesAreRejected() throws Exception {
    failsReading("").hasMessageContaining("empty");
    failsReading("   \n").hasMessageContaining("empty");
    failsReading("Previewing update (dev):\n").hasMessageContaining("not valid JSON");
    failsReading("[]").hasMessageContaining("empty array");
    failsReading("42").hasMessageContaining("expected an object");
  }

  @Test
  void jsonThatIsNoPreviewSaysWhatWasExpected() throws Exception {
    failsReading("{\"format_version\":\"1.2\",\"resource_changes\":[]}")
        .hasMessageContaining("not a Pulumi preview");
    failsReading("{\"version\":3,\"deployment\":{\"resources\":[]}}")
        .hasMessageContaining("stack export, not a preview");
  }

  @Test
  void aStepWithoutOpOrUrnIsNamed() throws Exception {
    failsReading("{\"steps\":[{\"op\":\"same\",\"urn\":\"" + U + "\"},{\"urn\":\"" + U + "\"}]}")
        .hasMessageContaining("steps[1] has no op");
    failsReading("{\"steps\":[{\"op\":\"delete\"}]}")
        .hasMessageContaining("steps[0] (op delete) has no urn");
    failsReading("{\"sequence\":1,\"resourcePreEvent\":{\"metadata\":{\"urn\":\"" + U + "\"}}}")
        .hasMessageContaining("resourcePreEvent.metadata has no op");
    failsReading("{\"sequence\":1,\"resourcePreEvent\":{\"planning\":true}}")
        .hasMessageContaining("resourcePreEvent has no metadata");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamed() throws Exception {
    failsReading("{\"steps\":[{\"op\":7,\"urn\":\"" + U + "\"}]}")
        .hasMessageContaining("steps[0].op: expected a string, found a number");
    failsReading("{\"steps\":[{\"op\":\"delete\",\"urn\":\"" + U + "\",\"oldState\":"
        + "{\"protect\":\"yes\"}}]}")
        .hasMessageContaining("steps[0].oldState.protect: expected true or false");
    failsReading("{\"steps\":[{\"op\":\"delete\",\"urn\":\"" + U + "\",\"oldState\":"
        + "{\"dependencies\":\"" + U + "\"}}]}")
        .hasMessageContaining("steps[0].oldState.dependencies: expected an array");
    failsReading("{\"steps\":{}}").hasMessageContaining("steps: expected an array");
    failsReading("{\"steps\":[{\"op\":\"replace\",\"urn\":\"" + U + "\",\"detailedDiff\":"
        + "{\"bucket\":\"update-replace\"}}]}")
        .hasMessageContaining("steps[0].detailedDiff[\"bucket\"]: expected an object");
  }

  @Test
  void digestsAndStreamsDoNotMix() throws Exception {
    failsReading("{\"steps\":[]}\n{\"steps\":[]}")
        .hasMessageContaining("unexpected data after the end of the preview document");
    failsReading("{\"sequence\":1,\"preludeEvent\":{\"config\":{}}}\n{\"steps\":[]}")
        .hasMessageContaining("mixes a preview digest into an engine event stream");
    failsReading("{\"sequence\":1,\"preludeEvent\":{}}\n[1]")
        .hasMessageContaining("value 2: expected an object");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> new PulumiPreviewReader(ResourceCatalog.builtin())
        .read(dir.resolve("nope.json"), null, "nope.json"))
        .isInstanceOf(PlanReadException.class).hasMessage("nope.json: file not found");
  }

  @Test
  void aBadStackExportIsNamedAsTheExportNotThePreview() throws Exception {
    Path preview = write("preview.json", "{\"steps\":[]}");
    Path truncated = write("state.json", "{\"version\":3,\"deployment\":{\"resources\":[{\"urn\"");
    assertThatThrownBy(() -> new PulumiPreviewReader(ResourceCatalog.builtin())
        .read(preview, truncated, "preview.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("truncated JSON")
        .satisfies(e -> assertThat(((PlanReadException) e).file()).endsWith("state.json"));
    Path previewAsExport = write("export.json", "{\"steps\":[]}");
    assertThatThrownBy(() -> new PulumiPreviewReader(ResourceCatalog.builtin())
        .read(preview, previewAsExport, "preview.json"))
        .isInstanceOf(PlanReadException.class).hasMessageContaining("this is a preview");
    Path noResources = write("none.json", "{\"version\":3}");
    assertThatThrownBy(() -> new PulumiPreviewReader(ResourceCatalog.builtin())
        .read(preview, noResources, "preview.json"))
        .isInstanceOf(PlanReadException.class).hasMessageContaining("deployment.resources");
    Path noUrn = write("nourn.json",
        "{\"deployment\":{\"resources\":[{\"type\":\"aws:s3/bucket:Bucket\"}]}}");
    assertThatThrownBy(() -> new PulumiPreviewReader(ResourceCatalog.builtin())
        .read(preview, noUrn, "preview.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("deployment.resources[0] has no urn");
  }

  @Test
  void hostileNestingIsRefusedNotACrash() throws Exception {
    String deep = "[".repeat(PulumiJson.MAX_NESTING_DEPTH + 10);
    failsReading("{\"steps\":[{\"op\":\"same\",\"urn\":\"" + U + "\",\"x\":" + deep + "}]}")
        .hasMessageContaining("limits");
  }

  @Test
  void propertiesOfTheWrongTypeAreNamedNotSkipped() throws Exception {
    failsReading("{\"steps\":[{\"op\":\"delete\",\"urn\":\"" + U + "\",\"oldState\":"
        + "{\"type\":\"aws:s3/bucket:Bucket\",\"outputs\":\"forceDestroy\"}}]}")
        .hasMessageContaining("steps[0].oldState.outputs: expected an object, found a string");
    failsReading("{\"steps\":[{\"op\":\"delete\",\"urn\":\"" + U + "\",\"oldState\":"
        + "{\"inputs\":[1]}}]}")
        .hasMessageContaining("steps[0].oldState.inputs: expected an object, found an array");
  }

  @Test
  void anEmptyUrnIsNoUrn() throws Exception {
    failsReading("{\"steps\":[{\"op\":\"delete\",\"urn\":\"\"}]}")
        .hasMessageContaining("steps[0] (op delete) has no urn");
    failsReading("{\"sequence\":1,\"resourcePreEvent\":{\"metadata\":{\"op\":\"delete\","
        + "\"urn\":\" \"}}}")
        .hasMessageContaining("resourcePreEvent.metadata (op delete) has no urn");
    Path preview = write("preview.json", "{\"steps\":[]}");
    Path export = write("blank.json", "{\"deployment\":{\"resources\":[{\"urn\":\"\"}]}}");
    assertThatThrownBy(() -> new PulumiPreviewReader(ResourceCatalog.builtin())
        .read(preview, export, "preview.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("deployment.resources[0] has no urn");
  }

  @Test
  void aDigestThatListsAStepTwiceIsRefused() throws Exception {
    String step = "{\"op\":\"delete\",\"urn\":\"" + U + "\"}";
    failsReading("{\"steps\":[" + step + "," + step + "]}")
        .hasMessageContaining("steps[1] repeats the delete step of " + U);
  }

  @Test
  void aStackExportWithTwoLiveObjectsUnderOneUrnIsRefused() throws Exception {
    Path preview = write("preview.json", "{\"steps\":[]}");
    String live = "{\"urn\":\"" + U + "\",\"type\":\"aws:s3/bucket:Bucket\",\"id\":\"a\"}";
    String pending = "{\"urn\":\"" + U + "\",\"id\":\"old\",\"delete\":true}";
    Path twice = write("twice.json",
        "{\"deployment\":{\"resources\":[" + live + "," + pending + "," + live + "]}}");
    assertThatThrownBy(() -> new PulumiPreviewReader(ResourceCatalog.builtin())
        .read(preview, twice, "preview.json"))
        .isInstanceOf(PlanReadException.class)
        .hasMessageContaining("deployment.resources[2] repeats the urn of deployment.resources[0]")
        .satisfies(e -> assertThat(((PlanReadException) e).file()).endsWith("twice.json"));
    Path withPending = write("pending.json",
        "{\"deployment\":{\"resources\":[" + live + "," + pending + "]}}");
    assertThat(new PulumiPreviewReader(ResourceCatalog.builtin())
        .read(preview, withPending, "preview.json").changes()).hasSize(1);
  }

  @Test
  void aHugeValueOfTheWrongTypeGivesAShortError() throws Exception {
    String huge = "x".repeat(2_000_000);
    failsReading("{\"steps\":[{\"op\":\"delete\",\"urn\":\"" + U + "\",\"oldState\":"
        + "{\"protect\":\"" + huge + "\"}}]}")
        .hasMessageContaining("steps[0].oldState.protect: expected true or false")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void theSniffDoesNotThrowOnGarbage() {
    assertThat(PulumiPreviewReader.looksLike(new byte[0])).isFalse();
    assertThat(PulumiPreviewReader.looksLike((byte[]) null)).isFalse();
    assertThat(PulumiPreviewReader.looksLike(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}))
        .isFalse();
    assertThat(PulumiPreviewReader.looksLike("{\"steps\":".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
  }
}
