package dev.plangate.core.report;

import dev.plangate.core.authorship.Attribution;
import dev.plangate.core.authorship.Authorship;
import dev.plangate.core.authorship.CommitAuthorship;
import dev.plangate.core.authorship.Confidence;
import dev.plangate.core.authorship.Signal;
import dev.plangate.core.gate.Decision;
import dev.plangate.core.impact.Downstream;
import dev.plangate.core.impact.Finding;
import dev.plangate.core.impact.FindingAction;
import dev.plangate.core.model.ReplaceOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports built by hand for the renderer tests. */
final class Reports {
  private Reports() {}

  /** Everything a plan author could put in an address to attack a renderer. */
  static final String HOSTILE_ADDRESS =
      "module.x[\"a|b`c*d_e[f](g)<script>alert(1)</script>@team \u001b[31m\n#h\"]";
  /** Closes a code fence and reverses the display of what follows. */
  static final String FENCE_ADDRESS = "aws_s3_bucket.b[\"x\n```\n\u202eevil\"]";
  static final String HOSTILE_PATH = "plans/<script>@team|`x`\u001b[2J\u202e.json";
  static final String HOSTILE_TEXT = "<script>alert(1)</script> | @team `code` **bold** "
      + "[link](http://e.x) \u001b[31mred\u202e\n# heading";

  static Map<String, Integer> counts(int delete, int replace, int forget) {
    Map<String, Integer> c = new LinkedHashMap<>();
    c.put("create", 0);
    c.put("update", 0);
    c.put("delete", delete);
    c.put("replace", replace);
    c.put("forget", forget);
    c.put("read", 0);
    c.put("noOp", 0);
    c.put("unknown", 0);
    c.put("drift", 0);
    c.put("deferred", 0);
    return c;
  }

  static Finding finding(String plan, String address, FindingAction action, String reason,
      boolean critical, String category, Boolean recoverable, String explanation,
      Downstream downstream, String suggestion) {
    return new Finding(plan, address, null, typeOf(address), action,
        action == FindingAction.REPLACE ? ReplaceOrder.DELETE_BEFORE_CREATE : null, reason,
        action == FindingAction.REPLACE ? List.of("delete", "create")
            : List.of(action.id()),
        List.of(), critical, category, recoverable,
        recoverable == null ? null : HOSTILE_TEXT, explanation, downstream, suggestion);
  }

  private static String typeOf(String address) {
    String a = address.startsWith("module.") ? address.substring(address.lastIndexOf("].") + 2)
        : address;
    int dot = a.indexOf('.');
    return dot < 0 ? "unknown" : a.substring(0, dot);
  }

  static String moved(String from, String to) {
    return "moved {\n  from = " + from + "\n  to   = " + to + "\n}";
  }

  /** A report in which every string that comes from input is hostile. */
  static Report hostile() {
    Downstream down = new Downstream(List.of(FENCE_ADDRESS, "module.y.aws_instance.z"),
        List.of(HOSTILE_ADDRESS + ".dep", "module.\"q\".aws_instance.w"));
    String sha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    Finding a = finding(HOSTILE_PATH, HOSTILE_ADDRESS, FindingAction.DELETE, HOSTILE_TEXT,
        true, "database " + HOSTILE_TEXT, false, HOSTILE_TEXT, down,
        moved(HOSTILE_ADDRESS, "module.y[\"@team\"]"))
        .withAttribution(List.of(new Attribution(sha, HOSTILE_TEXT, HOSTILE_TEXT, true,
            HOSTILE_PATH, 3, "removed " + HOSTILE_TEXT)));
    Finding b = finding(HOSTILE_PATH, FENCE_ADDRESS, FindingAction.REPLACE, HOSTILE_TEXT,
        false, null, null, HOSTILE_TEXT + "```", new Downstream(List.of(), List.of()),
        moved(FENCE_ADDRESS, "aws_s3_bucket.c"));
    Finding c = finding(HOSTILE_PATH, "aws_instance.plain", FindingAction.DELETE, null,
        false, null, true, "plain", new Downstream(List.of(HOSTILE_ADDRESS), List.of()),
        moved("aws_instance.plain", "aws_instance.renamed"));
    PlanSummary p = new PlanSummary(HOSTILE_PATH, "terraform", "1.2", HOSTILE_TEXT,
        counts(2, 1, 0), false, true, List.of(HOSTILE_TEXT));
    Signal evidence = new Signal("trailer", HOSTILE_TEXT, Confidence.MEDIUM, HOSTILE_TEXT);
    Authorship who = new Authorship(true, List.of(new CommitAuthorship(sha, HOSTILE_TEXT,
        HOSTILE_TEXT, true, HOSTILE_TEXT, List.of(evidence))),
        List.of(new Signal("branch", HOSTILE_TEXT, Confidence.MEDIUM, HOSTILE_TEXT)),
        List.of(HOSTILE_TEXT));
    List<Finding> findings = List.of(a, b, c);
    return new Report(Decision.APPROVAL_REQUIRED,
        List.of(new dev.plangate.core.gate.Reason(dev.plangate.core.gate.Reason.Kind.NOTE,
            HOSTILE_TEXT)), "0123456789abcdef",
        HOSTILE_TEXT, who, List.of(p), findings, java.util.Map.of(), List.of());
  }
}
