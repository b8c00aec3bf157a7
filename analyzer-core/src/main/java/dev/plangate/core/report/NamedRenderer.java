package dev.plangate.core.report;

/** A renderer with its names fixed at construction: what users type, media type, extension. */
abstract class NamedRenderer implements ReportRenderer {
  private final String id;
  private final String mediaType;
  private final String fileExtension;

  NamedRenderer(String id, String mediaType, String fileExtension) {
    this.id = id;
    this.mediaType = mediaType;
    this.fileExtension = fileExtension;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String mediaType() {
    return mediaType;
  }

  @Override
  public final String fileExtension() {
    return fileExtension;
  }
}
