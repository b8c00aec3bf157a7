package dev.plangate.core.attribution;

import dev.plangate.core.git.CommitPatch;
import dev.plangate.core.git.FilePatch;
import dev.plangate.core.git.PatchLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the commits of a range did to the declaring files of a set of directories, indexed once
 * per directory so that each finding is a few map lookups: every file change by directory, and
 * every removed or renamed block by directory and block.
 *
 * <p>A block counts as removed by a commit when one of the commit's removed lines in a {@code .tf}
 * file opens it and none of the commit's added lines in the same directory opens it again (that
 * would be a move between files). When the commit also opens a new block of the same kind (and
 * type) in that directory, the removal is reported as a rename to the new name. JSON
 * configuration and variable files are only ever "changed": their blocks are not parsed.
 */
final class ChangeIndex {
  /** The files Terraform reads from a module directory (its own, not its subdirectories'). */
  static final List<String> DECLARING_SUFFIXES =
      List.of(".tf", ".tf.json", ".tfvars", ".tfvars.json");

  private final Set<String> directories;
  private final Map<String, Integer> order;
  private final Map<String, List<Hit>> changes = new HashMap<>();
  private final Map<String, Map<Block, List<Hit>>> removals = new HashMap<>();

  /**
   * @param directories the declaring directories of interest
   * @param order each commit's position in the range, oldest first
   */
  ChangeIndex(Set<String> directories, Map<String, Integer> order) {
    this.directories = directories;
    this.order = order;
  }

  /** Takes in one commit's patch; commits outside the range are ignored. */
  void add(CommitPatch patch) {
    Integer position = order.get(patch.sha());
    if (position == null) {
      return;
    }
    Map<String, List<Located>> removedBlocks = new LinkedHashMap<>();
    Map<String, List<Located>> addedBlocks = new HashMap<>();
    for (FilePatch f : patch.files()) {
      String oldDir = f.oldPath() == null ? null : parent(f.oldPath());
      String newDir = f.newPath() == null ? null : parent(f.newPath());
      String change = describe(f);
      int line = firstLine(f);
      boolean newSide = newDir != null && declares(newDir, f.newPath());
      if (newSide) {
        changes.computeIfAbsent(newDir, k -> new ArrayList<>())
            .add(new Hit(position, patch.sha(), f.newPath(), line, change));
      }
      if (oldDir != null && declares(oldDir, f.oldPath()) && !(newSide && oldDir.equals(newDir))) {
        changes.computeIfAbsent(oldDir, k -> new ArrayList<>())
            .add(new Hit(position, patch.sha(), f.oldPath(), line, change));
      }
      if (oldDir != null && f.oldPath().endsWith(".tf") && directories.contains(oldDir)) {
        collectBlocks(f.removed(), f.oldPath(), removedBlocks.computeIfAbsent(oldDir,
            k -> new ArrayList<>()));
      }
      if (newDir != null && f.newPath().endsWith(".tf") && directories.contains(newDir)) {
        collectBlocks(f.added(), f.newPath(), addedBlocks.computeIfAbsent(newDir,
            k -> new ArrayList<>()));
      }
    }
    for (Map.Entry<String, List<Located>> e : removedBlocks.entrySet()) {
      recordRemovals(position, patch.sha(), e.getKey(), e.getValue(),
          addedBlocks.getOrDefault(e.getKey(), List.of()));
    }
  }

  /** Sorts every list newest first; call once all patches are in. */
  void finish() {
    changes.values().forEach(l -> l.sort(Hit.NEWEST_FIRST));
    removals.values().forEach(m -> m.values().forEach(l -> l.sort(Hit.NEWEST_FIRST)));
  }

  /** Every change to the declaring files of {@code directory}, newest first. */
  List<Hit> changes(String directory) {
    return changes.getOrDefault(directory, List.of());
  }

  /** Every commit that removed or renamed {@code block} in {@code directory}, newest first. */
  List<Hit> removals(String directory, Block block) {
    Map<Block, List<Hit>> byBlock = removals.get(directory);
    return byBlock == null ? List.of() : byBlock.getOrDefault(block, List.of());
  }

  private void recordRemovals(
      int position, String sha, String directory, List<Located> removed, List<Located> added) {
    Set<Block> removedHere = new HashSet<>();
    removed.forEach(r -> removedHere.add(r.block()));
    Set<Block> addedHere = new HashSet<>();
    List<Located> newNames = new ArrayList<>();
    for (Located a : added) {
      addedHere.add(a.block());
      if (!removedHere.contains(a.block())) {
        newNames.add(a);
      }
    }
    for (Located r : removed) {
      if (addedHere.contains(r.block())) {
        continue; // declared again in the same directory: moved or rewritten, not removed
      }
      Located renamedTo = null;
      for (int i = 0; i < newNames.size(); i++) {
        if (newNames.get(i).block().sameKindAs(r.block())) {
          renamedTo = newNames.remove(i);
          break;
        }
      }
      String change = renamedTo == null ? "removed " + r.block()
          : "renamed " + r.block() + " to \"" + renamedTo.block().name() + "\"";
      removals.computeIfAbsent(directory, k -> new HashMap<>())
          .computeIfAbsent(r.block(), k -> new ArrayList<>())
          .add(new Hit(position, sha, r.file(), r.line(), change));
    }
  }

  private static void collectBlocks(List<PatchLine> lines, String file, List<Located> into) {
    for (PatchLine l : lines) {
      Block b = Block.parse(l.text());
      if (b != null) {
        into.add(new Located(b, file, l.number()));
      }
    }
  }

  private boolean declares(String directory, String path) {
    return directories.contains(directory) && DECLARING_SUFFIXES.stream().anyMatch(path::endsWith);
  }

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /**
   * Plain words for a file change. Never starts with "removed" or "renamed": those words are for
   * blocks ({@link dev.plangate.core.authorship.Attribution#removesBlock()}).
   */
  static String describe(FilePatch f) {
    if (f.isAdded()) {
      return "added " + f.newPath();
    }
    if (f.isDeleted()) {
      return "deleted " + f.oldPath();
    }
    if (f.isRenamed()) {
      String moved = "moved " + f.oldPath() + " to " + f.newPath();
      return f.removed().isEmpty() && f.added().isEmpty() ? moved : moved + " and changed it";
    }
    return "changed " + f.newPath();
  }

  /** The first added line (new file), or the first removed line (old file) when none; else 0. */
  static int firstLine(FilePatch f) {
    if (!f.added().isEmpty()) {
      return f.added().get(0).number();
    }
    return f.removed().isEmpty() ? 0 : f.removed().get(0).number();
  }

  /** A block header found in a diff, with where it was. */
  private record Located(Block block, String file, int line) {}
}
