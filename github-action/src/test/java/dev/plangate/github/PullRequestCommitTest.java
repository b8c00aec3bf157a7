package dev.plangate.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plangate.github.testing.GitHubFixtures;
import org.junit.jupiter.api.Test;

/** An entry of the pull request's commits that is not a commit is refused, not read as empty. */
class PullRequestCommitTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SHA = GitHubFixtures.HEAD_SHA;

  static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void aRecordedCommitIsRead() {
    PullRequestCommit c = PullRequestCommit.of(GitHubFixtures.commit(SHA)
        .by(GitHubFixtures.COPILOT).message("Remove the database").build());
    assertThat(c.sha()).isEqualTo(SHA);
    assertThat(c.message()).contains("Remove the database");
    assertThat(c.author()).isNotNull();
  }

  @Test
  void aStringIsNotACommit() throws Exception {
    assertThatThrownBy(() -> PullRequestCommit.of(json("\"" + SHA + "\"")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an object");
  }

  @Test
  void aCommitWithoutShaIsRefused() throws Exception {
    assertThatThrownBy(() -> PullRequestCommit.of(json("{\"sha\":5,\"commit\":{}}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no commit sha");
  }

  @Test
  void aCommitWithoutItsGitDataIsRefused() throws Exception {
    assertThatThrownBy(() -> PullRequestCommit.of(json("{\"sha\":\"" + SHA + "\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(SHA.substring(0, 7)).hasMessageContaining("\"commit\" object");
  }
}
