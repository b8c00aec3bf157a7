package dev.plangate.core.cloudformation;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which removed logical IDs of a template diff are renames of added ones. */
final class Renames {
  private Renames() {}

  /**
   * Pairs each removed logical ID with an added one of the same type in the same stack whose name
   * differs only in case, or whose properties are identical: CloudFormation has no rename, so
   * this is a delete and a create, and saying so is the most useful thing to say about it. Each
   * removed ID takes the first free added one, in template order. Candidates are looked up by
   * stack, type and folded name (or a hash of the properties that agrees with
   * {@link TemplateValues#same}), so thousands of removals do not mean millions of comparisons.
   */
  static Map<String, String> pair(TemplateGraph gb, TemplateGraph ga, List<String> removed) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> added = ga.resources().stream().filter(a -> gb.resource(a) == null).toList();
    Set<String> taken = new HashSet<>();
    for (boolean caseOnly : new boolean[] {true, false}) {
      Map<String, List<String>> candidates = new HashMap<>();
      for (String to : added) {
        if (!taken.contains(to)) {
          candidates.computeIfAbsent(key(to, ga.resource(to), caseOnly),
              k -> new LinkedList<>()).add(to);
        }
      }
      for (String from : removed) {
        TemplateResource was = gb.resource(from);
        List<String> bucket = out.containsKey(from) ? null
            : candidates.get(key(from, was, caseOnly));
        for (Iterator<String> it = bucket == null ? Collections.emptyIterator()
            : bucket.iterator(); it.hasNext(); ) {
          String to = it.next();
          if (caseOnly || TemplateValues.same(was.properties(), ga.resource(to).properties())) {
            it.remove();
            out.put(from, to);
            taken.add(to);
            break;
          }
        }
      }
    }
    return out;
  }

  /**
   * The stack, the type, and either the logical ID folded as {@link String#equalsIgnoreCase}
   * folds it or {@link TemplateValues#sameHash} of the properties: two resources that may pair
   * have the same key.
   */
  private static String key(String address, TemplateResource r, boolean caseOnly) {
    String local = local(address);
    StringBuilder key = new StringBuilder(scopePrefix(address)).append('\n').append(r.type())
        .append('\n');
    if (!caseOnly) {
      return key.append(TemplateValues.sameHash(r.properties())).toString();
    }
    for (int i = 0; i < local.length(); i++) {
      key.append(Character.toLowerCase(Character.toUpperCase(local.charAt(i))));
    }
    return key.toString();
  }

  /** Why a renamed resource is deleted, or created, in plain words. */
  static String why(String fromAddress, String toAddress) {
    String from = local(fromAddress);
    String to = local(toAddress);
    return "the logical ID changed from " + from + " to " + to + ": CloudFormation deletes "
        + from + " and creates " + to;
  }

  private static String local(String address) {
    int slash = address.lastIndexOf('/');
    return slash < 0 ? address : address.substring(slash + 1);
  }

  private static String scopePrefix(String address) {
    int slash = address.lastIndexOf('/');
    return slash < 0 ? "" : address.substring(0, slash + 1);
  }
}
