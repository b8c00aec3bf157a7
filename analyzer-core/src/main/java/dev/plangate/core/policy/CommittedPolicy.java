package dev.plangate.core.policy;

import dev.plangate.core.git.Commit;
import dev.plangate.core.git.GitException;
import dev.plangate.core.git.GitRepository;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The policy as a commit has it, and the policy in force for a change: the base's, tightened by
 * the change's own version ({@link PolicyMerge}). A change can edit {@code .plangate.yml}, so the
 * version under review never decides alone.
 */
public final class CommittedPolicy {
  /** Remote branches that stand for the default branch, tried in order. */
  private static final List<String> DEFAULT_BRANCHES =
      List.of("origin/HEAD", "origin/main", "origin/master");

  private CommittedPolicy() {}

  /**
   * A revision whose committed policy a change cannot have edited, with how to name it.
   *
   * @param rev what git resolves
   * @param label how the report names it, e.g. {@code origin/main (1a2b3c4)}
   * @param note a sentence for the report when the choice is weak, or null
   */
  public record Base(String rev, String label, String note) {}

  /**
   * The base of a change the gate cannot name otherwise (the agent hook, the apply wrapper): the
   * remote's default branch ({@code origin/HEAD}, {@code origin/main}, {@code origin/master}),
   * else the checked-out branch's upstream, else {@code HEAD} (which a commit can change, said
   * in the note). Empty in a repository without commits.
   */
  public static Optional<Base> trustedBase(GitRepository git) throws GitException {
    for (String ref : DEFAULT_BRANCHES) {
      Optional<String> sha = git.resolve(ref + "^{commit}");
      if (sha.isPresent()) {
        return Optional.of(new Base(sha.get(), label(ref, sha.get()), null));
      }
    }
    Optional<String> upstream = git.upstream();
    if (upstream.isPresent()) {
      Optional<String> sha = git.resolve(upstream.get() + "^{commit}");
      if (sha.isPresent()) {
        return Optional.of(new Base(sha.get(), label(upstream.get(), sha.get()),
            "No default branch of a remote (origin/HEAD, origin/main, origin/master) is known,"
                + " so the policy committed on the upstream " + upstream.get() + " is the base."));
      }
    }
    Optional<String> head = git.resolve("HEAD^{commit}");
    if (head.isPresent()) {
      return Optional.of(new Base(head.get(), label("HEAD", head.get()), "No remote branch is"
          + " known, so the policy committed at HEAD is the base; a commit can change it."));
    }
    return Optional.empty();
  }

  /** {@code origin/main (1a2b3c4)}, or the short sha alone when the name is a sha. */
  public static String label(String rev, String sha) {
    return sha.startsWith(rev) ? Commit.shortSha(sha) : rev + " (" + Commit.shortSha(sha) + ")";
  }

  /**
   * The policy committed at {@code rev}: {@code path} if given (repository-relative), otherwise
   * {@code .plangate.yml} or {@code .plangate.yaml}. When the commit has no such file, the
   * defaults, with a note saying so.
   *
   * @param label how to name the revision in messages and the report
   * @throws PolicyException if the file there is not a valid policy (naming path and revision),
   *     or both files exist there
   * @throws GitException if the revision is unknown or git fails
   */
  public static Policy at(GitRepository git, String rev, String label, String path)
      throws PolicyException, GitException {
    List<String> candidates = path != null ? List.of(path)
        : List.of(PolicyLoader.FILE_NAME, PolicyLoader.ALTERNATE_FILE_NAME);
    List<String> present = new ArrayList<>();
    for (String c : candidates) {
      if (git.exists(rev, c)) {
        present.add(c);
      }
    }
    if (present.size() > 1) {
      throw new PolicyException("both " + PolicyLoader.FILE_NAME + " and "
          + PolicyLoader.ALTERNATE_FILE_NAME + " exist at " + label + "; plangate will not guess"
          + " which one applies");
    }
    if (present.isEmpty()) {
      return Policy.defaults().withOrigin(new PolicyOrigin(null, label, List.of(), List.of()));
    }
    String file = present.get(0);
    String name = file + " at " + label;
    long size = git.size(rev, file);
    if (size > 4L * PolicyLoader.MAX_CHARACTERS) {
      throw new PolicyException(name + ": the file is " + size + " bytes, larger than a policy"
          + " file may be (" + PolicyLoader.MAX_CHARACTERS + " characters, 1 MiB)");
    }
    byte[] bytes = git.showBytes(rev, file);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new PolicyException(name + " is not UTF-8 text; a policy file must be UTF-8");
    }
    Policy policy = PolicyLoader.parse(text, name);
    return policy.withOrigin(new PolicyOrigin(file, label, List.of(), List.of()));
  }

  /**
   * The policy in force for a change whose base is {@code rev}: the base's policy, tightened by
   * {@code proposed} (the change's version, usually the working tree's).
   *
   * @param path the repository-relative policy path, or null for the usual names
   */
  public static Policy inForce(GitRepository git, String rev, String label, String path,
      Policy proposed) throws PolicyException, GitException {
    Policy base = at(git, rev, label, path);
    return PolicyMerge.tightenOnly(base, proposed).effective();
  }
}
