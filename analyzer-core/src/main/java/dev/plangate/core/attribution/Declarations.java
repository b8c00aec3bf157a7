package dev.plangate.core.attribution;

import dev.plangate.core.attribution.Declaration.ModuleCall;
import dev.plangate.core.model.ResourceAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out, from a plan's module sources, which repository directories declare a resource
 * address. Remembers each configuration address it has seen, so a hundred thousand instances of a
 * few resources cost a few lookups each.
 *
 * <p>A module call is followed into its source only when the source is a local path ({@code ./}
 * or {@code ../}, Terraform's own rule): the files of a registry or git module are not in this
 * repository, so the chain stops at the call and the resource is attributed to changes of the call
 * and its directory. A call the configuration no longer has (the module was removed or renamed,
 * which is exactly why its resources are being destroyed) stops the chain the same way. A source
 * that climbs out of the repository is ignored likewise.
 */
public final class Declarations {
  private final String rootDirectory;
  private final Map<String, String> moduleSources;
  private final Map<String, Declaration> byConfigAddress = new HashMap<>();

  /**
   * @param rootDirectory the root module's directory, normalised, {@code ""} for the top
   * @param moduleSources {@link dev.plangate.core.model.Plan#moduleSources()}
   */
  Declarations(String rootDirectory, Map<String, String> moduleSources) {
    this.rootDirectory = rootDirectory;
    this.moduleSources = moduleSources;
  }

  /** The declaration of an instance address; the same object for every instance of a resource. */
  Declaration of(String address) {
    ResourceAddress parsed;
    try {
      parsed = ResourceAddress.parse(address);
    } catch (IllegalArgumentException e) {
      // Not a Terraform resource address: all we know is the root module's directory.
      return byConfigAddress.computeIfAbsent("\0" + address,
          k -> new Declaration(List.of(rootDirectory), List.of(), null, null));
    }
    return byConfigAddress.computeIfAbsent(parsed.configAddress(), k -> resolve(parsed));
  }

  private Declaration resolve(ResourceAddress address) {
    List<String> directories = new ArrayList<>();
    directories.add(rootDirectory);
    List<ModuleCall> calls = new ArrayList<>();
    String directory = rootDirectory;
    StringBuilder callAddress = new StringBuilder();
    for (String name : address.moduleNames()) {
      calls.add(new ModuleCall(name, directory));
      if (callAddress.length() > 0) {
        callAddress.append('.');
      }
      callAddress.append("module.").append(name);
      String child = localSource(directory, moduleSources.get(callAddress.toString()));
      if (child == null) {
        return new Declaration(directories, calls, null, null);
      }
      directory = child;
      if (!directories.contains(directory)) {
        directories.add(directory);
      }
    }
    return new Declaration(directories, calls,
        Block.resource(address.data(), address.type(), address.name()), directory);
  }

  /**
   * The directory a local module source points to from {@code parent}, or null when the source is
   * absent, not a local path, or leaves the repository.
   */
  static String localSource(String parent, String source) {
    if (source == null || !(source.startsWith("./") || source.startsWith("../"))) {
      return null;
    }
    return normalise(parent.isEmpty() ? source : parent + "/" + source);
  }

  /**
   * {@code a/./b/../c/} to {@code a/c}; {@code ""} for the top; null when the path climbs above
   * the top. Also what SARIF locations are made of.
   */
  public static String normalise(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }
}
