package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.policy.PolicyOrigin;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every report says which policy was in force, what the change tried to loosen, and its warnings
 * (expired waivers, ...): JSON, text, Markdown and the brief form, each escaping what came from
 * the repository (a ref name, a glob).
 */
class PolicySectionTest {
  private static Report with(PolicyOrigin origin, List<String> warnings) {
    Report r = Reports.hostile();
    return new Report(Decision.APPROVAL_REQUIRED, r.reasons(), r.fingerprint(),
        r.approvalLabel(), r.authorship(), r.plans(), r.findings(), r.verdicts(), r.problems(),
        origin, warnings, r.approvalRoute());
  }

  private static final PolicyOrigin LOOSENED = new PolicyOrigin(".plangate.yml",
      "origin/main (1a2b3c4)", List.of("a waiver for ** (until 2099-12-31) is added: it does"
          + " not apply until it is in the base."), List.of());

  @Test
  void jsonNamesThePathRevisionLooseningsAndWarnings() throws Exception {
    StringWriter w = new StringWriter();
    new JsonReportWriter().render(with(LOOSENED, List.of("The waiver for a.b (line 3) expired on"
        + " 2020-01-01 and no longer applies.")), w, RenderOptions.DEFAULT);
    JsonNode root = new ObjectMapper().readTree(w.toString());
    assertThat(root.path("policy").path("path").asText()).isEqualTo(".plangate.yml");
    assertThat(root.path("policy").path("revision").asText()).isEqualTo("origin/main (1a2b3c4)");
    assertThat(root.path("policy").path("loosened").get(0).asText())
        .startsWith("a waiver for ** (until 2099-12-31)");
    assertThat(root.path("warnings").get(0).asText()).contains("expired on 2020-01-01");
  }

  @Test
  void withoutAPolicyFileJsonSaysNullAndTextSaysNothing() throws Exception {
    Report r = with(PolicyOrigin.file(null), List.of());
    StringWriter w = new StringWriter();
    new JsonReportWriter().render(r, w, RenderOptions.DEFAULT);
    JsonNode root = new ObjectMapper().readTree(w.toString());
    assertThat(root.path("policy").path("path").isNull()).isTrue();
    assertThat(root.path("policy").path("revision").isNull()).isTrue();
    assertThat(root.path("policy").path("loosened")).isEmpty();
    assertThat(root.path("warnings")).isEmpty();
    assertThat(new TextReportRenderer(false).render(r)).doesNotContain("Policy in force");
  }

  @Test
  void textMarkdownAndBriefSayEachLoosening() {
    Report r = with(LOOSENED, List.of("The waiver for a.b (line 3) expired on 2020-01-01 and no"
        + " longer applies."));
    String text = new TextReportRenderer(false).render(r);
    assertThat(text).contains("  Policy in force: .plangate.yml at origin/main (1a2b3c4).")
        .contains("⚠ The change tried to loosen the policy (ignored): a waiver for **")
        .contains("⚠ The waiver for a.b (line 3) expired on 2020-01-01");
    String md = new MarkdownReportRenderer().render(r);
    assertThat(md).contains("Policy in force: ")
        .contains("> ⚠️ The change tried to loosen the policy (ignored): ");
    assertThat(BriefReport.of(r, 3).cause()).anySatisfy(l -> assertThat(l)
        .startsWith("The change tried to loosen the policy (ignored): a waiver for **"));
  }

  @Test
  void anExpiredWaiverTheGateAlreadyGaveAsAReasonIsSaidOnce() {
    String expired = "The waiver for a.b (line 3) expired on 2020-01-01 and no longer applies.";
    Report base = with(PolicyOrigin.file(".plangate.yml"), List.of(expired));
    Report r = new Report(base.decision(), List.of(new dev.plangate.core.gate.Reason(
        dev.plangate.core.gate.Reason.Kind.NOTE, expired)), base.fingerprint(),
        base.approvalLabel(), base.authorship(), base.plans(), base.findings(), base.verdicts(),
        base.problems(), base.policy(), base.warnings(), base.approvalRoute());
    String text = new TextReportRenderer(false).render(r);
    assertThat(text.split(java.util.regex.Pattern.quote(expired), -1)).hasSize(2);
  }

  @Test
  void hostileRevisionsAndLooseningsAreEscaped() {
    String hostile = "main\u001b[2J\u202e<script>|`x`";
    Report r = with(new PolicyOrigin(".plangate.yml", hostile, List.of("approval.label changes"
        + " to \"" + hostile + "\""), List.of(hostile)), List.of(hostile));
    String text = new TextReportRenderer(false).render(r);
    assertThat(text).doesNotContain("\u001b[2J").doesNotContain("\u202e");
    String md = new MarkdownReportRenderer().render(r);
    assertThat(md).doesNotContain("<script>").doesNotContain("\u202e");
    assertThat(String.join("\n", BriefReport.of(r, 3).cause())).doesNotContain("\u001b")
        .doesNotContain("\u202e");
  }
}
