package dev.plangate.core.git;

import java.util.List;

/**
 * One file's part of a commit's diff against its parent, with no context lines.
 *
 * @param oldPath repository-relative path before the commit, or null when the commit adds the file
 * @param newPath repository-relative path after the commit, or null when the commit deletes it
 * @param removed removed lines, numbered in the old file, in file order
 * @param added added lines, numbered in the new file, in file order
 */
public record FilePatch(
    String oldPath, String newPath, List<PatchLine> removed, List<PatchLine> added) {

  public FilePatch {
    if (oldPath == null && newPath == null) {
      throw new IllegalArgumentException("a file patch needs an old or a new path");
    }
    removed = List.copyOf(removed);
    added = List.copyOf(added);
  }

  public boolean isAdded() {
    return oldPath == null;
  }

  public boolean isDeleted() {
    return newPath == null;
  }

  /** True when the file moved (git's {@code -M} rename detection), with or without edits. */
  public boolean isRenamed() {
    return oldPath != null && newPath != null && !oldPath.equals(newPath);
  }

  /** The path after the commit, or before it for a deleted file. */
  public String path() {
    return newPath != null ? newPath : oldPath;
  }
}
