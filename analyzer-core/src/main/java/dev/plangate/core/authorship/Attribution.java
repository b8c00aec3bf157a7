package dev.plangate.core.authorship;

import dev.plangate.core.git.Commit;

/**
 * A commit that caused (or may have caused) one finding.
 *
 * @param sha full commit name
 * @param author {@code Name <email>}
 * @param agent the commit's agent, or null for a commit with no AI signal
 * @param ai whether the commit counts as AI-authored
 * @param file repository-relative path of the file it changed
 * @param line line number of the change in that file (the old file for a removal), 0 if unknown
 * @param change what the commit did, in plain words: {@code removed module "env"},
 *     {@code renamed resource "aws_db_instance" "main" to "primary"}, {@code changed the file}
 */
public record Attribution(
    String sha, String author, String agent, boolean ai, String file, int line, String change) {

  /** True when the diff shows the declaring block removed or renamed, not merely a file edit. */
  public boolean removesBlock() {
    return change.startsWith("removed") || change.startsWith("renamed");
  }

  /** Who made the commit, as people name it: the agent, else the author. */
  public String by() {
    return agent != null ? agent : author;
  }

  /** {@code file:line}, or the file alone when the line is unknown. */
  public String where() {
    return line > 0 ? file + ":" + line : file;
  }

  public String shortSha() {
    return Commit.shortSha(sha);
  }
}
