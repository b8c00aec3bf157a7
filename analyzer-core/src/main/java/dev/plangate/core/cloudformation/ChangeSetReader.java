package dev.plangate.core.cloudformation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.core.cloudformation.ChangeClassifier.Classified;
import dev.plangate.core.cloudformation.JsonAt.Malformed;
import dev.plangate.core.io.InputFile;
import dev.plangate.core.io.StrictJson;
import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.Dependencies;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.model.ResourceChange;
import dev.plangate.core.plan.AttributeSelector;
import dev.plangate.core.plan.PlanJson;
import dev.plangate.core.plan.PlanReadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads CloudFormation change sets: the JSON of {@code aws cloudformation describe-change-set}
 * (any number of pages, and the change sets of nested stacks), or the console's "JSON changes"
 * array. Produces the same {@link Plan} as the Terraform reader, so that the impact analysis and
 * the gate need not know which tool wrote it.
 *
 * <p>Addresses are logical IDs; inside nested stacks, the logical IDs of the stacks on the way
 * down joined with {@code /} ({@code NetworkStack/VPC}). A change set carries no dependency graph,
 * so the only edges are the ones it shows: a detail whose cause is another resource
 * ({@code ResourceReference Topic1}, {@code ResourceAttribute Topic1.Arn}), and every resource of a
 * nested change set on the nested stack that holds it.
 *
 * <p>Change set pages are at most about 1 MB (the API paginates larger output), so documents are
 * read as trees, within {@link #MAX_DOCUMENT_BYTES} and {@link #MAX_NESTING_DEPTH}.
 */
public final class ChangeSetReader {
  /** Largest document accepted: far above a real page, far below what would exhaust the heap. */
  public static final long MAX_DOCUMENT_BYTES = 64L << 20;
  /** Deepest nesting accepted; real change sets stay far below, hostile input does not. */
  public static final int MAX_NESTING_DEPTH = 1000;

  // A second "Action" would silently replace the first: StrictJson refuses it.
  private static final JsonFactory FACTORY = StrictJson.factoryBuilder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxStringLength((int) MAX_DOCUMENT_BYTES)
          .maxDocumentLength(MAX_DOCUMENT_BYTES)
          .build())
      .build();
  private static final ObjectMapper MAPPER = StrictJson.mapper(FACTORY);

  private static final Set<String> HEADER_KEYS =
      Set.of("changesetid", "changesetname", "stackname", "stackid");

  private final AttributeSelector attributes;

  /** {@code attributes} chooses the few {@code BeforeContext} properties the catalogue needs. */
  public ChangeSetReader(AttributeSelector attributes) {
    this.attributes = attributes;
  }

  // ---- sniffing ------------------------------------------------------------------------------

  /** {@link #looksLike(byte[], int)} on the whole array. */
  public static boolean looksLike(byte[] head) {
    return looksLike(head, head.length);
  }

  /**
   * Whether the first {@code length} bytes of a file (the whole file or a prefix, such as its
   * first 64 KiB; a prefix may end anywhere, even inside a string) look like a change set.
   * Accepted:
   *
   * <ul>
   *   <li>a JSON object with a top-level {@code Changes} member and either a header member
   *       ({@code ChangeSetId}, {@code ChangeSetName}, {@code StackName} or {@code StackId}) or a
   *       first element of {@code Changes} that has a {@code ResourceChange} member: the
   *       {@code describe-change-set} output, whose header may come after a long change list;
   *   <li>a JSON array whose first element is an object with a {@code ResourceChange} member:
   *       the console's "JSON changes" ({@code resourceChange}) or {@code --query Changes}.
   * </ul>
   *
   * Member names match in any letter case. Only top-level names and the first change's names are
   * read; values are skipped. A name counts once the start of its value is in the prefix, so a
   * prefix cut inside {@code "ResourceChange": } is not yet recognised. Terraform plans ({@code resource_changes}), templates
   * ({@code Resources}) and Pulumi previews ({@code steps}) never match.
   */
  public static boolean looksLike(byte[] head, int length) {
    try (JsonParser p = FACTORY.createParser(head, 0, Math.min(length, head.length))) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        return p.nextToken() == JsonToken.START_OBJECT && hasResourceChange(p);
      }
      if (t != JsonToken.START_OBJECT) {
        return false;
      }
      boolean changes = false;
      boolean header = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName().toLowerCase(Locale.ROOT);
        JsonToken v = p.nextToken();
        if (f.equals("changes")) {
          if (v == JsonToken.START_ARRAY) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
              return hasResourceChange(p);
            }
            if (first != JsonToken.END_ARRAY) {
              return false;
            }
          } else if (v != JsonToken.VALUE_NULL) {
            return false;
          }
          changes = true;
        } else {
          header |= HEADER_KEYS.contains(f);
          p.skipChildren();
        }
        if (changes && header) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      // The prefix ended, or it is not JSON: not (yet) recognisable as a change set.
      return false;
    }
  }

  /** Scans the object the parser is in for a ResourceChange member, skipping values. */
  private static boolean hasResourceChange(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      if (p.currentName().equalsIgnoreCase("ResourceChange")) {
        return true;
      }
      p.nextToken();
      p.skipChildren();
    }
    return false;
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Reads one document; {@code name} is how errors and reports name it. */
  public Plan read(Path document, String name) throws PlanReadException {
    return read(List.of(document), name);
  }

  /**
   * Reads every page of one change set together with the change sets of its nested stacks,
   * given in any order, into one plan named {@code name}. With one document, errors name it
   * {@code name}; with several, each error names the file it is about.
   *
   * <p>What a given document points at but is missing is an input error, never a pass with a
   * warning, since it may hold the destroy: a page that a {@code NextToken} promises, and the
   * inside of a nested stack that changes (its change set not given, not named, or not created
   * because the change set was made without {@code --include-nested-stacks}). A nested change
   * set given without its parent is read under its stack name, and the plan is marked
   * incomplete with a warning: every change given is judged.
   *
   * @throws PlanReadException for an unreadable document (naming the file and the field), a
   *     change set that failed for a reason other than "no changes" or is still being created,
   *     or documents of more than one root change set
   */
  public Plan read(List<Path> documents, String name) throws PlanReadException {
    if (documents.isEmpty()) {
      throw new PlanReadException(name, "no change set documents given");
    }
    List<ChangeSetDocument> docs = new ArrayList<>();
    for (Path file : documents) {
      String display = documents.size() == 1 ? name : file.toString();
      docs.add(readDocument(file, display));
    }
    try {
      return new Assembly(docs, name).plan();
    } catch (Malformed e) {
      throw new PlanReadException(name, e.getMessage());
    }
  }

  private static ChangeSetDocument readDocument(Path file, String display)
      throws PlanReadException {
    try {
      JsonNode tree;
      // The API pages change sets at about 1 MB; MAX_DOCUMENT_BYTES is far above that.
      try (InputStream in = InputFile.open(file, display, MAX_DOCUMENT_BYTES)) {
        tree = MAPPER.readTree(in);
      }
      if (tree == null || tree.isMissingNode()) {
        throw new PlanReadException(display, "the file is empty");
      }
      return ChangeSetDocument.of(tree, display, MAPPER);
    } catch (IOException e) {
      throw PlanJson.readFailure(display, e);
    } catch (Malformed e) {
      throw new PlanReadException(display, e.getMessage());
    }
  }

  // ---- assembly ------------------------------------------------------------------------------

  /** The pages of one change set, merged. */
  private record ChangeSet(String key, List<ChangeSetDocument> pages,
      Map<String, ChangeEntry> changes) {
    ChangeSet(String key) {
      this(key, new ArrayList<>(), new LinkedHashMap<>());
    }

    ChangeSetDocument first() {
      return pages.get(0);
    }

    String parent() {
      return first().parentChangeSetId();
    }

    /** How warnings name it: its id, or its name, or the file. */
    String label() {
      ChangeSetDocument d = first();
      return d.changeSetId() != null ? d.changeSetId()
          : d.changeSetName() != null ? d.changeSetName() : d.display();
    }

    String stackLabel() {
      ChangeSetDocument d = first();
      return d.stackName() != null ? d.stackName()
          : d.changeSetName() != null ? d.changeSetName() : label();
    }
  }

  /** One resource change placed in the tree of stacks. */
  private record Placed(String address, String stackPrefix, String parentStack, ChangeEntry entry,
      Classified verdict) {}

  /** Everything one {@link #read(List, String)} call builds, with its warnings. */
  private final class Assembly {
    private final List<ChangeSetDocument> docs;
    private final String name;
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Map<String, ChangeSet> sets = new LinkedHashMap<>();
    private final Set<String> visited = new HashSet<>();
    private final List<Placed> placed = new ArrayList<>();
    private boolean complete = true;

    Assembly(List<ChangeSetDocument> docs, String name) {
      this.docs = docs;
      this.name = name;
    }

    Plan plan() throws PlanReadException {
      group();
      List<ChangeSet> roots = sets.values().stream().filter(s -> s.parent() == null).toList();
      if (roots.size() > 1) {
        throw new PlanReadException(name, "the documents belong to " + roots.size()
            + " different change sets (" + String.join(", ", roots.stream()
                .map(ChangeSet::label).toList()) + "): give each change set as its own plan,"
            + " or one root change set with the change sets of its nested stacks");
      }
      for (ChangeSet s : sets.values()) {
        merge(s);
      }
      for (ChangeSet root : roots) {
        walk(root, "", null);
      }
      placeOrphans();
      return build();
    }

    /** Pages share a ChangeSetId (or name and stack); the console's arrays have neither. */
    private void group() {
      for (ChangeSetDocument d : docs) {
        String key = d.changeSetId() != null ? "id:" + d.changeSetId()
            : d.changeSetName() != null ? "name:" + d.changeSetName() + "@" + d.stackName()
                : "anonymous";
        ChangeSet s = sets.computeIfAbsent(key, ChangeSet::new);
        Optional<ChangeSetDocument> seen =
            s.pages().stream().filter(page -> page.tree().equals(d.tree())).findFirst();
        if (seen.isPresent()) {
          warnings.add(d.display() + " repeats " + seen.get().display() + "; it was read once.");
        } else {
          s.pages().add(d);
          statusWarnings(d);
        }
      }
    }

    private void statusWarnings(ChangeSetDocument d) {
      String status = d.status();
      if (status != null && !ChangeSetDocument.STATUSES.contains(status)) {
        warnings.add(d.display() + ": Status " + status + " is not known to plangate; the"
            + " changes were read as listed.");
      } else if (status != null && status.startsWith("DELETE_")) {
        warnings.add(d.display() + ": the change set is deleted or being deleted (Status "
            + status + "); its changes were read as listed.");
      }
      String exec = d.executionStatus();
      if (exec == null) {
        return;
      }
      switch (exec) {
        case "EXECUTE_IN_PROGRESS", "EXECUTE_COMPLETE", "EXECUTE_FAILED" ->
            warnings.add(d.display() + ": the change set was already executed (ExecutionStatus "
                + exec + "), so these changes may already have been made.");
        case "OBSOLETE" -> warnings.add(d.display() + ": the change set is obsolete (the stack"
            + " changed after it was created), so it may not show what an update would do now.");
        default -> {
          // AVAILABLE, and UNAVAILABLE for nested and empty change sets: nothing to say
        }
      }
    }

    /** Concatenates the pages' changes; a logical ID listed twice must be the same change. */
    private void merge(ChangeSet s) throws PlanReadException {
      long lastPages = s.pages().stream()
          .filter(d -> !d.console() && d.nextToken() == null).count();
      boolean paged = s.pages().stream().anyMatch(d -> d.nextToken() != null);
      if (paged && lastPages == 0) {
        // The missing page may hold the Remove: an input error, never a pass with a warning.
        throw new PlanReadException(s.pages().get(0).display(), "change set " + s.label()
            + ": every page given has a NextToken, so at least one later page is missing and"
            + " its changes cannot be judged; give every page of describe-change-set");
      }
      for (ChangeSetDocument d : s.pages()) {
        for (ChangeEntry e : d.changes()) {
          ChangeEntry seen = s.changes().putIfAbsent(e.logicalId(), e);
          if (seen != null && !seen.raw().equals(e.raw())) {
            throw new PlanReadException(d.display(), e.path() + ": LogicalResourceId "
                + e.logicalId() + " is listed twice in change set " + s.label()
                + " with different changes (are pages of two describe-change-set runs mixed?)");
          }
        }
      }
    }

    /** Places a change set's resources under {@code prefix}, then its nested change sets. */
    private void walk(ChangeSet s, String prefix, String parentStack) throws PlanReadException {
      visited.add(s.key());
      ChangeSetDocument head = s.first();
      for (ChangeEntry e : s.changes().values()) {
        String address = prefix + e.logicalId();
        Classified verdict = ChangeClassifier.classify(e, address);
        if (verdict.warning() != null) {
          warnings.add(verdict.warning());
        }
        placed.add(new Placed(address, prefix, parentStack, e, verdict));
        if (!e.resourceType().equals(TemplateReader.NESTED_STACK_TYPE)) {
          continue;
        }
        if (e.nestedChangeSetId() != null) {
          ChangeSet child = sets.get("id:" + e.nestedChangeSetId());
          if (child == null) {
            throw unseen(address, "its change set " + e.nestedChangeSetId() + " is not given",
                "give it too (describe-change-set --change-set-name with that id, every page)");
          } else if (visited.contains(child.key())) {
            throw new PlanReadException(name, "change set " + child.label() + " is reached"
                + " twice through nested stacks (the second time from " + address + ")");
          } else {
            walk(child, address + "/", address);
          }
        } else if (e.action().equals("Modify") || e.action().equals("Dynamic")) {
          // CloudFormation names the nested change set of every nested stack that changes when
          // asked to include them; a row without one leaves the inside unseen either way.
          throw Boolean.TRUE.equals(head.includeNestedStacks())
              ? unseen(address, "its row names no nested change set (ChangeSetId)",
                  "describe the change set again and give every nested change set")
              : unseen(address, "the change set was created without --include-nested-stacks",
                  "create it with --include-nested-stacks and give every nested change set");
        }
      }
    }

    /** A nested stack that changes where nothing given shows what changes inside it. */
    private PlanReadException unseen(String address, String why, String fix) {
      return new PlanReadException(name, "nested stack " + address + " changes, but " + why
          + ", so what it changes inside (it may destroy resources) cannot be judged; " + fix);
    }

    /**
     * Nested change sets that no given change set points at: their parent is missing (or does
     * not list them). Their changes are still analysed, under their stack name, since the
     * nested stack's logical ID is unknown. Parents before children, so a given chain stays one
     * tree.
     */
    private void placeOrphans() throws PlanReadException {
      while (true) {
        List<ChangeSet> left = sets.values().stream()
            .filter(s -> !visited.contains(s.key())).toList();
        if (left.isEmpty()) {
          return;
        }
        Set<String> leftIds = new HashSet<>();
        left.forEach(s -> leftIds.add(s.first().changeSetId()));
        ChangeSet next = left.stream().filter(s -> !leftIds.contains(s.parent())).findFirst()
            .orElse(left.get(0));
        boolean parentGiven = sets.containsKey("id:" + next.parent());
        complete &= parentGiven;
        warnings.add("change set " + next.label() + " belongs to a nested stack, but "
            + (parentGiven ? "its parent change set " + next.parent() + " does not point at it"
                : "its parent change set " + next.parent() + " was not given")
            + ": its changes are analysed under the stack name " + next.stackLabel() + ".");
        walk(next, next.stackLabel() + "/", null);
      }
    }

    private Plan build() throws PlanReadException {
      placed.sort(Comparator.comparing(Placed::address));
      Map<String, Integer> index = new HashMap<>();
      List<ResourceChange> changes = new ArrayList<>(placed.size());
      int drift = 0;
      for (Placed p : placed) {
        if (index.putIfAbsent(p.address(), changes.size()) != null) {
          throw new PlanReadException(name, "two changes have the address " + p.address()
              + " (a nested stack read under its stack name collides with a logical ID)");
        }
        Classified v = p.verdict();
        drift += v.drift() ? 1 : 0;
        changes.add(ResourceChange.builder().address(p.address())
            .type(p.entry().resourceType()).kind(v.kind()).order(v.order())
            .rawActions(v.rawActions()).reason(v.reason()).replacePaths(v.replacePaths())
            .importing(v.importing()).before(before(p.entry(), v)).conditional(v.conditional())
            .why(v.why()).build());
      }
      return new Plan(name, PlanFormat.CLOUDFORMATION_CHANGE_SET, null, null, changes,
          dependencies(index), drift, List.of(), false, complete, List.copyOf(warnings),
          Map.of()).withDependenciesUnknown(); // until its template is given
    }

    /**
     * The edges the change set shows: a detail caused by another resource of the same stack,
     * and each nested stack's resources on the stack that holds them. Unlisted resources are
     * not in the plan, so edges to them are dropped.
     */
    private Dependencies dependencies(Map<String, Integer> index) {
      EdgeSet edges = new EdgeSet();
      for (Placed p : placed) {
        List<String> on = new ArrayList<>();
        for (ChangeEntry.Detail d : p.entry().details()) {
          String entity = d.causingEntity();
          if (entity == null || entity.isEmpty()) {
            continue;
          }
          if ("ResourceReference".equals(d.changeSource())) {
            on.add(p.stackPrefix() + entity);
          } else if ("ResourceAttribute".equals(d.changeSource())) {
            int dot = entity.indexOf('.');
            on.add(p.stackPrefix() + (dot < 0 ? entity : entity.substring(0, dot)));
          }
        }
        if (p.parentStack() != null) {
          on.add(p.parentStack());
        }
        on.forEach(target -> edges.add(index, p.address(), target));
      }
      return edges.build();
    }
  }

  // ---- before ----------------------------------------------------------------------------------

  /**
   * The few attributes the catalogue's recoverability rules ask for: properties from
   * {@code BeforeContext}, and the policy that decides the old resource's fate, named as in the
   * template ({@code DeletionPolicy} for a delete, {@code UpdateReplacePolicy} for a
   * replacement). {@code PolicyAction} states that fate, so it wins over the context. Strings
   * {@code "true"}, {@code "false"} and integers are read as the values CloudFormation takes
   * them for.
   */
  private Map<String, Object> before(ChangeEntry e, Classified v) {
    if (!v.kind().isFinding()) {
      return Map.of();
    }
    Set<String> wanted = attributes.rootAttributes(e.resourceType());
    if (wanted.isEmpty()) {
      return Map.of();
    }
    String policyName = v.kind() == ChangeKind.REPLACE ? "UpdateReplacePolicy" : "DeletionPolicy";
    Map<String, Object> kept = new LinkedHashMap<>();
    JsonNode ctx = e.beforeContext();
    JsonNode properties = ctx == null ? null : ctx.get("Properties");
    if (properties != null && properties.isObject()) {
      for (String w : wanted) {
        JsonNode value = properties.get(w);
        if (value != null && !w.equals("DeletionPolicy") && !w.equals("UpdateReplacePolicy")) {
          kept.put(w, plain(MAPPER.convertValue(value, Object.class)));
        }
      }
    }
    String policy = v.fate().policy;
    if (policy == null && ctx != null && ctx.path(policyName).isTextual()) {
      policy = ctx.path(policyName).textValue();
    }
    if (policy != null && wanted.contains(policyName)) {
      kept.put(policyName, policy);
    }
    return kept.isEmpty() ? Map.of() : kept;
  }

  private static Object plain(Object value) {
    if (value instanceof String s) {
      if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
        return Boolean.valueOf(s);
      }
      if (s.matches("-?\\d{1,18}")) {
        return Long.valueOf(s);
      }
      return s;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(ChangeSetReader::plain).toList();
    }
    return value;
  }
}
