package dev.plangate.core.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.cloudformation.JsonAt.Malformed;
import dev.plangate.core.plan.PlanJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One file: a page of {@code describe-change-set} output, or the console's "JSON changes" array.
 * Holds the header fields that tie pages and nested change sets together, and the changes as
 * written.
 *
 * @param display how messages name the file
 * @param console true for the console's bare array of changes (no header at all)
 * @param changeSetId {@code ChangeSetId}, or null
 * @param changeSetName {@code ChangeSetName}, or null
 * @param stackName {@code StackName}, or null
 * @param parentChangeSetId {@code ParentChangeSetId}: set on a nested stack's change set
 * @param nextToken {@code NextToken}: set on every page but the last
 * @param status {@code Status}, or null
 * @param executionStatus {@code ExecutionStatus}, or null
 * @param noChanges true when CloudFormation found nothing to change (Status FAILED, "didn't
 *     contain changes"): an empty change set, not an error
 * @param includeNestedStacks {@code IncludeNestedStacks}, or null when absent
 * @param changes the resource changes, in document order
 * @param tree the whole document, to recognise the same page given twice
 */
record ChangeSetDocument(
    String display,
    boolean console,
    String changeSetId,
    String changeSetName,
    String stackName,
    String parentChangeSetId,
    String nextToken,
    String status,
    String executionStatus,
    boolean noChanges,
    Boolean includeNestedStacks,
    List<ChangeEntry> changes,
    JsonNode tree) {

  ChangeSetDocument {
    changes = List.copyOf(changes);
  }

  /** Status values in the API model; anything else is reported, not trusted. */
  static final List<String> STATUSES = List.of("CREATE_PENDING", "CREATE_IN_PROGRESS",
      "CREATE_COMPLETE", "DELETE_PENDING", "DELETE_IN_PROGRESS", "DELETE_COMPLETE",
      "DELETE_FAILED", "FAILED");

  /**
   * Reads one parsed document.
   *
   * @param contexts parses {@code BeforeContext} when it came as a JSON string
   * @throws Malformed naming the field, for anything that is not a change set
   */
  static ChangeSetDocument of(JsonNode tree, String display, ObjectMapper contexts) {
    JsonAt root = JsonAt.root(tree);
    if (root.isArray()) {
      return new ChangeSetDocument(display, true, null, null, null, null, null, null, null,
          false, null, readChanges(root, contexts), tree);
    }
    if (!root.isObject()) {
      throw new Malformed("not a CloudFormation change set: the JSON document is "
          + JsonAt.describe(tree) + ", not an object or an array of changes");
    }
    if (!root.has("Changes") && !root.has("ChangeSetId") && !root.has("ChangeSetName")) {
      throw new Malformed("not a CloudFormation change set: it has none of Changes, ChangeSetId,"
          + " ChangeSetName (expected the output of aws cloudformation describe-change-set)");
    }
    String status = root.text("Status");
    String reason = root.text("StatusReason");
    boolean noChanges = false;
    if ("FAILED".equals(status)) {
      if (!saysNoChanges(reason)) {
        throw root.field("StatusReason").fail("the change set failed (Status FAILED): "
            + (reason == null ? "CloudFormation gives no reason" : reason));
      }
      noChanges = true;
    } else if ("CREATE_PENDING".equals(status) || "CREATE_IN_PROGRESS".equals(status)) {
      throw root.field("Status").fail("the change set is still being created (" + status
          + "), so its Changes are not final; describe it again once Status is CREATE_COMPLETE");
    }
    JsonAt changes = root.field("Changes");
    if (!noChanges && changes.node() == null) {
      throw changes.fail("missing: a describe-change-set document lists its changes there");
    }
    return new ChangeSetDocument(display, false, root.text("ChangeSetId"),
        root.text("ChangeSetName"), root.text("StackName"), root.text("ParentChangeSetId"),
        root.text("NextToken"), status, root.text("ExecutionStatus"), noChanges,
        root.bool("IncludeNestedStacks"),
        noChanges ? List.of() : readChanges(changes, contexts), tree);
  }

  /** CloudFormation's wording for an empty change set, old and new. */
  static boolean saysNoChanges(String reason) {
    if (reason == null) {
      return false;
    }
    String r = reason.toLowerCase(Locale.ROOT);
    return r.contains("didn't contain changes") || r.contains("did not contain changes")
        || r.contains("no updates are to be performed");
  }

  private static List<ChangeEntry> readChanges(JsonAt changes, ObjectMapper contexts) {
    List<ChangeEntry> out = new ArrayList<>();
    for (JsonAt change : changes.elements()) {
      change.requireObject();
      JsonAt rc = change.field("ResourceChange");
      if (rc.absent()) {
        String type = change.text("Type");
        if (type != null && !type.equals("Resource")) {
          // A change type newer than this reader: nothing in it names a resource to gate.
          continue;
        }
        throw rc.fail("missing: every change of Type Resource has one");
      }
      out.add(readResourceChange(rc.requireObject(), contexts));
    }
    return out;
  }

  private static ChangeEntry readResourceChange(JsonAt rc, ObjectMapper contexts) {
    String logicalId = required(rc, "LogicalResourceId");
    String type = required(rc, "ResourceType");
    String action = required(rc, "Action");
    List<ChangeEntry.Detail> details = new ArrayList<>();
    for (JsonAt d : rc.field("Details").elements()) {
      d.requireObject();
      JsonAt target = d.field("Target");
      if (!target.absent()) {
        target.requireObject();
      }
      details.add(new ChangeEntry.Detail(target.text("Attribute"), target.text("Name"),
          target.text("RequiresRecreation"), d.text("Evaluation"), d.text("ChangeSource"),
          d.text("CausingEntity")));
    }
    // Scope is not used, but a wrong type there means the document is not what it claims.
    for (JsonAt s : rc.field("Scope").elements()) {
      s.text();
    }
    return new ChangeEntry(rc.path(), logicalId, type, action, rc.text("Replacement"),
        rc.text("PolicyAction"), rc.text("ChangeSetId"), details,
        context(rc.field("BeforeContext"), contexts), rc.node());
  }

  private static String required(JsonAt obj, String name) {
    JsonAt f = obj.field(name);
    String v = f.text();
    if (v == null || v.isEmpty()) {
      throw f.fail("missing: every resource change names it");
    }
    return v;
  }

  /**
   * {@code BeforeContext} is a string holding JSON in real API output, and an object in dumps
   * that parsed it on the way (localstack snapshots). Either way the result is an object.
   */
  private static JsonNode context(JsonAt ctx, ObjectMapper contexts) {
    if (ctx.absent()) {
      return null;
    }
    if (ctx.isObject()) {
      return ctx.node();
    }
    String text = ctx.text();
    JsonNode parsed;
    try {
      parsed = contexts.readTree(text);
    } catch (JsonProcessingException e) {
      throw ctx.fail("not valid JSON inside the string: "
          + PlanJson.firstLine(e.getOriginalMessage()));
    }
    if (parsed == null || !parsed.isObject()) {
      throw ctx.fail("expected a JSON object inside the string, found "
          + JsonAt.describe(parsed));
    }
    return parsed;
  }
}
