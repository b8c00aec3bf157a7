package dev.plangate.core.source;

import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.plan.PlanReadException;
import java.util.List;

/**
 * One plan format: which files (or which options) belong to it, and how to read them into a
 * {@link Plan}. {@link Sources} holds the one list of sources; adding a format means writing a
 * source and registering it there.
 */
public interface PlanSource {
  /** Short name, e.g. {@code terraform}: its format's. */
  default String id() {
    return format().id();
  }

  /** The format of the plans it reads. */
  PlanFormat format();

  /** Whether a file whose head is {@code probe} is a plan of this source's format. */
  default boolean accepts(Probe probe) {
    return false;
  }

  /**
   * Whether every accepted file of one run is one plan (a change set's pages and nested stacks
   * belong together) rather than one plan per file.
   */
  default boolean groupsFiles() {
    return false;
  }

  /**
   * The plans this source reads from the request's options rather than from plan files (the
   * offline template diffs). Each option-combination problem is added to {@code problems} in the
   * front end's words; none throws.
   */
  default List<SourceInput> fromOptions(SourceOptions options, List<String> problems) {
    return List.of();
  }

  /** Reads one input; every problem with it is a {@link PlanReadException} naming the file. */
  Plan read(SourceInput input) throws PlanReadException;
}
