package dev.plangate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {
  @Test
  void findsNextAmongGitHubsRelations() {
    String h = "<https://api.github.com/repositories/7/issues/42/timeline?per_page=100&page=1>; "
        + "rel=\"prev\", <https://api.github.com/repositories/7/issues/42/timeline?per_page=100"
        + "&page=3>; rel=\"next\", <https://api.github.com/repositories/7/issues/42/timeline?"
        + "per_page=100&page=5>; rel=\"last\", <https://api.github.com/repositories/7/issues/42/"
        + "timeline?per_page=100&page=1>; rel=\"first\"";

    assertThat(LinkHeader.next(h)).contains(
        "https://api.github.com/repositories/7/issues/42/timeline?per_page=100&page=3");
  }

  @Test
  void theLastPageHasNoNext() {
    assertThat(LinkHeader.next("<https://x/a?page=1>; rel=\"prev\", <https://x/a?page=1>; "
        + "rel=\"first\"")).isEmpty();
    assertThat(LinkHeader.next(null)).isEmpty();
    assertThat(LinkHeader.next("")).isEmpty();
  }

  @Test
  void acceptsUnquotedCaseInsensitiveAndMultipleRelations() {
    assertThat(LinkHeader.next("<https://x/a?page=2>;rel=next")).contains("https://x/a?page=2");
    assertThat(LinkHeader.next("<https://x/a?page=2>; REL=\"Next\"")).contains(
        "https://x/a?page=2");
    assertThat(LinkHeader.next("<https://x/b>; rel=\"last next\"")).contains("https://x/b");
  }

  @Test
  void aCommaInsideAQuotedParameterDoesNotSplitTheLink() {
    assertThat(LinkHeader.next("<https://x/a>; title=\"a, b\"; rel=\"next\""))
        .contains("https://x/a");
  }

  @Test
  void doesNotMistakeNextInsideAnotherParameter() {
    assertThat(LinkHeader.next("<https://x/a>; title=\"next\"; rel=\"last\"")).isEmpty();
    assertThat(LinkHeader.next("<https://x/a>; rel=\"nextpage\"")).isEmpty();
  }
}
