package dev.plangate.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.api.CheckRequest;
import dev.plangate.core.pipeline.Pipeline;
import dev.plangate.core.gate.ApprovalRoute;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BriefReportTest {
  private static final Path ROOT = Path.of(System.getProperty("plangate.root", ".."));

  @Test
  void theKiroIncidentInAFewLines() {
    Report r = new Pipeline().check(CheckRequest.plansOnly(
        List.of(ROOT.resolve("examples/terraform-kiro-incident/plan.json"))));
    BriefReport brief = BriefReport.of(r.withApprovalRoute(ApprovalRoute.PULL_REQUEST_LABEL), 2);

    assertThat(brief.headline()).isEqualTo("plangate: approval required — a change of unknown"
        + " authorship destroys 9 resources");
    assertThat(brief.findings()).extracting(BriefReport.Line::text).containsExactly(
        "destroy module.env.module.network.terraform_data.vpc (block removed from"
            + " configuration; 8 depend on it)",
        "destroy module.env.module.network.terraform_data.subnet[\"eu-west-1a\"] (block removed"
            + " from configuration; 5 depend on it)");
    assertThat(brief.more()).isEqualTo(7);
    assertThat(brief.next()).first().asString().startsWith("Authorship unknown: no commit"
        + " range was given");
    assertThat(brief.next()).contains("Add the suggested moved block, or have a maintainer"
        + " approve with the label plangate/approve-destroy (fingerprint " + r.fingerprint()
        + ").", "Likely a rename; with the moved block, 9 destroys become a move:",
        "  moved {", "    from = module.env", "    to   = module.environment", "  }");
  }

  @Test
  void outsideAPullRequestTheNextStepIsWhatWorksThereNotTheLabel() {
    Report r = new Pipeline().check(CheckRequest.plansOnly(
        List.of(ROOT.resolve("examples/terraform-kiro-incident/plan.json"))));
    String fp = r.fingerprint();
    assertThat(r.approvalRoute()).isEqualTo(ApprovalRoute.NO_PULL_REQUEST);
    java.util.Map<ApprovalRoute, String> expected = java.util.Map.of(
        ApprovalRoute.NO_PULL_REQUEST, "nothing approves a check outside a pull request. On a"
            + " GitHub pull request or GitLab merge request checked by plangate, a maintainer"
            + " with write (GitLab: Developer) access adds the label plangate/approve-destroy (fingerprint " + fp + "); to apply this plan"
            + " yourself, run plangate apply --approve " + fp + " -- <your apply command>.",
        ApprovalRoute.PRE_PUSH, "a push cannot be approved in the pre-push hook. If the destroy"
            + " is intended, a person (not an agent) pushes it from their own shell with"
            + " git push --no-verify (fingerprint " + fp + ").",
        ApprovalRoute.APPLY_WRAPPER, "type the number of resources it destroys or replaces"
            + " when plangate asks on the terminal, or, from a script you control, run plangate"
            + " apply --approve " + fp + " -- <the same command>.",
        ApprovalRoute.MAVEN_BUILD, "a build outside a pull request or merge request cannot be"
            + " approved. Run it in the pull request's GitHub workflow or the merge request's"
            + " GitLab pipeline, where a maintainer with write (GitLab: Developer) access adds the"
            + " label"
            + " plangate/approve-destroy (fingerprint " + fp + "), or add a waiver to the base"
            + " branch's .plangate.yml in a commit a person reviews.",
        ApprovalRoute.AGENT_PROMPT, "the person answers the agent's permission prompt"
            + " (fingerprint " + fp + ").");
    expected.forEach((route, sentence) -> assertThat(BriefReport.of(r.withApprovalRoute(route),
        2).approval()).as(route.id()).containsExactly("Add the suggested moved block, or to"
            + " approve: " + sentence));
    assertThat(expected.keySet()).hasSize(ApprovalRoute.values().length - 2);
  }

  @Test
  void aPassWithoutDestroysHasNothingToDo() {
    Report r = new Pipeline().check(CheckRequest.plansOnly(
        List.of(ROOT.resolve("examples/orders-service/update-plan.json"))));
    BriefReport brief = BriefReport.of(r, 5);
    assertThat(brief.headline()).isEqualTo("plangate: pass — nothing is destroyed or replaced");
    assertThat(brief.findings()).isEmpty();
    assertThat(brief.next()).isEmpty();
  }

  @Test
  void anErrorListsWhatCouldNotBeRead() {
    Report r = new Pipeline().check(CheckRequest.plansOnly(List.of(ROOT.resolve("no/such/plan.json"))));
    BriefReport brief = BriefReport.of(r, 5);
    assertThat(brief.headline()).startsWith("plangate: error — 1 input could not be read");
    assertThat(brief.next()).singleElement().asString().endsWith("plan.json: file not found");
  }

  @Test
  void nothingFromInputReachesTheLogUnescaped() {
    BriefReport brief = BriefReport.of(Reports.hostile(), 10);
    List<String> all = new ArrayList<>(List.of(brief.headline()));
    brief.findings().forEach(l -> all.add(l.text()));
    all.addAll(brief.next());
    assertThat(all).allSatisfy(line -> {
      assertThat(line).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\n");
      assertThat(line.chars().filter(c -> c < 0x20).count()).isZero();
    });
    assertThat(brief.findings()).first().satisfies(l -> {
      assertThat(l.critical()).isTrue();
      assertThat(l.text()).startsWith("destroy module.x[\"a|b`c*d_e[f](g)<script>")
          .contains("\\u001b[31m").contains("caused by a1b2c3d (");
    });
  }
}
