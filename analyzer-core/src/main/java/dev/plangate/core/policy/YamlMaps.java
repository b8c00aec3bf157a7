package dev.plangate.core.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML mappings read as JSON objects. JSON keys are unique strings; YAML keys need not be, and a
 * JSON tree (the schema validator's input) would silently keep one of two repeated keys, so
 * {@link #keyProblems} reports them before the tree is built.
 */
final class YamlMaps {
  private YamlMaps() {}

  /** The string-keyed entries of a mapping, first occurrence of each key. */
  static Map<String, NodeTuple> entries(MappingNode map) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String name = YamlValues.string(t.getKeyNode());
      if (name != null && !Tag.MERGE.equals(t.getKeyNode().getTag())) {
        out.putIfAbsent(name, t);
      }
    }
    return out;
  }

  /** Keys that JSON cannot have: merge keys, keys that are not strings, repeated keys. */
  static List<Problem> keyProblems(Node document) {
    List<Problem> out = new ArrayList<>();
    checkKeys(document, Collections.newSetFromMap(new IdentityHashMap<>()), out);
    return out;
  }

  private static void checkKeys(Node node, Set<Node> seen, List<Problem> out) {
    if (!seen.add(node)) {
      return;
    }
    if (node instanceof SequenceNode seq) {
      seq.getValue().forEach(item -> checkKeys(item, seen, out));
    } else if (node instanceof MappingNode map) {
      Map<String, Node> first = new HashMap<>();
      for (NodeTuple t : map.getValue()) {
        Node key = t.getKeyNode();
        String name = YamlValues.string(key);
        if (Tag.MERGE.equals(key.getTag())) {
          out.add(Problem.at(key, "merge keys (\"<<\") are not supported; write the keys out"));
        } else if (name == null) {
          out.add(Problem.at(key, "a key must be a string, not " + YamlValues.describe(key)));
        } else if (first.containsKey(name)) {
          Node earlier = first.get(name);
          out.add(Problem.at(key, "duplicate key " + YamlValues.quote(name) + " (first at "
              + (earlier.getStartMark().getLine() + 1) + ":"
              + (earlier.getStartMark().getColumn() + 1) + ")"));
        } else {
          first.put(name, key);
        }
        checkKeys(key, seen, out);
        checkKeys(t.getValueNode(), seen, out);
      }
    }
  }
}
