package dev.plangate.core.source;

import dev.plangate.core.catalog.ResourceCatalog;
import dev.plangate.core.io.InputFile;
import dev.plangate.core.io.InputFileException;
import dev.plangate.core.model.Plan;
import dev.plangate.core.model.PlanFormat;
import dev.plangate.core.plan.PlanReadException;
import dev.plangate.core.terraform.BinaryPlanConverter;
import dev.plangate.core.terraform.TerraformPlanReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code terraform show -json} (and OpenTofu) plans, and binary {@code plan -out} files, converted
 * with the terraform on the PATH first. It accepts every file: registered last, it is the fallback,
 * and its reader names what is wrong with anything that is not a plan.
 */
public final class TerraformSource implements PlanSource {
  private final TerraformPlanReader reader;

  public TerraformSource(ResourceCatalog catalog) {
    this.reader = new TerraformPlanReader(catalog);
  }

  @Override
  public PlanFormat format() {
    return PlanFormat.TERRAFORM;
  }

  @Override
  public boolean accepts(Probe probe) {
    return true;
  }

  @Override
  public Plan read(SourceInput input) throws PlanReadException {
    return read(input.file(), input.name());
  }

  /** Reads one plan file, converting a binary plan first. */
  public Plan read(Path file, String name) throws PlanReadException {
    try {
      InputFile.check(file, name, InputFile.MAX_PLAN_BYTES);
    } catch (InputFileException e) {
      throw new PlanReadException(name, e.reason());
    }
    if (BinaryPlanConverter.isBinaryPlan(file)) {
      Path json = BinaryPlanConverter.toJson(file, name);
      try {
        return reader.read(json, name);
      } finally {
        try {
          Files.deleteIfExists(json);
        } catch (IOException ignored) {
          // a leftover temp file is harmless
        }
      }
    }
    return reader.read(file, name);
  }
}
