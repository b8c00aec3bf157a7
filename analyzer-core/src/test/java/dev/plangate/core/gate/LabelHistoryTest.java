package dev.plangate.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelHistoryTest {
  record Event(String label, boolean added, String who) implements LabelChange {
    @Override
    public long id() {
      return 0;
    }

    @Override
    public Instant at() {
      return Instant.EPOCH;
    }

    @Override
    public String actorName() {
      return who;
    }

    @Override
    public String actorKey() {
      return who;
    }
  }

  static LabelHistory<Event> of(Event... events) {
    return LabelHistory.of(List.of(events), "approve");
  }

  @Test
  void onlyTheLatestAdditionCountsAndARemovalAfterItCancelsIt() {
    Event a = new Event("approve", true, "a");
    Event rm = new Event("approve", false, "b");
    Event again = new Event("approve", true, "c");
    Event other = new Event("other", true, "d");

    assertThat(of()).isEqualTo(new LabelHistory<Event>(null, null));
    assertThat(of(other)).isEqualTo(new LabelHistory<Event>(null, null));
    assertThat(of(rm)).as("a removal before any addition").isEqualTo(
        new LabelHistory<Event>(null, null));
    assertThat(of(a)).isEqualTo(new LabelHistory<>(a, null));
    assertThat(of(a, rm)).isEqualTo(new LabelHistory<>(a, rm));
    assertThat(of(a, rm, again, other)).isEqualTo(new LabelHistory<>(again, null));
    Event rm2 = new Event("approve", false, "e");
    assertThat(of(a, rm, rm2)).as("the first removal after the addition is named")
        .isEqualTo(new LabelHistory<>(a, rm));
  }
}
