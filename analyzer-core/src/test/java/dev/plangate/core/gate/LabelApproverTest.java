package dev.plangate.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The label rule every platform shares, with a platform whose answers the test sets. */
class LabelApproverTest {
  private static final String FP = "0123456789abcdef";
  private static final String OTHER_FP = "fedcba9876543210";
  private static final String HEAD = "a".repeat(40);
  private static final String OLD_HEAD = "b".repeat(40);
  private static final Instant PUSHED = Instant.parse("2026-12-01T10:00:00Z");

  record Event(long id, String label, boolean added, Instant at, String actorName)
      implements LabelChange {
    @Override
    public String actorKey() {
      return actorName.toUpperCase(java.util.Locale.ROOT);
    }
  }

  /** A platform: refusals by name, a push time, and co-approvers who sign off. */
  static final class Platform extends LabelApprover<Event> {
    final List<Event> events = new ArrayList<>();
    final Map<String, String> refused = new HashMap<>();
    final List<String> coApprovers = new ArrayList<>();
    int coApprovalCalls;

    Platform(Optional<ApprovalSeal> seal) {
      super(seal);
    }

    @Override
    protected List<Event> labelEvents() {
      return events;
    }

    @Override
    protected String headSha() {
      return HEAD;
    }

    @Override
    protected String refusal(Event added) {
      return refused.get(added.actorName());
    }

    @Override
    protected String staleness(Event added) {
      return added.at().isAfter(PUSHED) ? null : "before the head was pushed";
    }

    @Override
    protected List<Approval> coApprovals(Event added, String fingerprint, List<String> notes) {
      coApprovalCalls++;
      List<Approval> out = new ArrayList<>();
      for (String who : coApprovers) {
        out.add(new Approval(who, "review", fingerprint, PUSHED.plusSeconds(99)));
      }
      notes.add("co-approvals asked");
      return out;
    }

    @Override
    protected String relabeller() {
      return "a maintainer";
    }
  }

  private static Event add(long id, String who, Instant at) {
    return new Event(id, "approve", true, at, who);
  }

  private static Approvals ask(Platform p) throws Approver.ApprovalException {
    return p.approvals(new ApprovalRequest(FP, "approve", HEAD));
  }

  @Test
  void aLabelAfterThePushApprovesAndIsSealedWithTheActorsKey() throws Exception {
    Platform p = new Platform(Optional.empty());
    p.events.add(add(7, "alice", PUSHED.plusSeconds(1)));
    p.coApprovers.add("bob");
    Approvals a = ask(p);
    assertThat(a.found()).extracting(Approval::approver, Approval::via, Approval::fingerprint)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", "label approve", FP),
            org.assertj.core.groups.Tuple.tuple("bob", "review", FP));
    assertThat(p.sealToWrite()).contains(new ApprovalSeal(FP, 7, "ALICE", HEAD));
    assertThat(a.notes()).containsExactly("co-approvals asked");
  }

  @Test
  void noLabelOrAnotherLabelApprovesNothingAndAsksNoOneElse() throws Exception {
    Platform p = new Platform(Optional.empty());
    p.coApprovers.add("bob");
    assertThat(ask(p).found()).isEmpty();
    p.events.add(new Event(1, "other", true, PUSHED.plusSeconds(1), "alice"));
    Approvals a = ask(p);
    assertThat(a.found()).isEmpty();
    assertThat(a.notes()).isEmpty();
    assertThat(p.coApprovalCalls).isZero();
    assertThat(p.sealToWrite()).isEmpty();
  }

  @Test
  void aRemovedLabelNoLongerApproves() throws Exception {
    Platform p = new Platform(Optional.empty());
    p.events.add(add(1, "alice", PUSHED.plusSeconds(1)));
    p.events.add(new Event(2, "approve", false, PUSHED.plusSeconds(2), "mallory"));
    Approvals a = ask(p);
    assertThat(a.found()).isEmpty();
    assertThat(a.notes()).containsExactly("The label approve was added by alice at "
        + PUSHED.plusSeconds(1) + " and removed by mallory at " + PUSHED.plusSeconds(2)
        + ", so it no longer approves.");
    assertThat(p.sealToWrite()).isEmpty();
  }

  @Test
  void aRefusedLabellerApprovesNothingAndSaysWhy() throws Exception {
    Platform p = new Platform(Optional.empty());
    p.events.add(add(1, "claude", PUSHED.plusSeconds(1)));
    p.refused.put("claude", "claude is the account of Claude Code, an AI agent");
    p.coApprovers.add("bob");
    Approvals a = ask(p);
    assertThat(a.found()).isEmpty();
    assertThat(a.notes()).containsExactly("The label approve was added by claude at "
        + PUSHED.plusSeconds(1) + "; it does not count: claude is the account of Claude Code,"
        + " an AI agent.");
    assertThat(p.coApprovalCalls).isZero();
    assertThat(p.sealToWrite()).isEmpty();
  }

  @Test
  void aLabelBeforeThePushWithoutASealAsksForItAgain() throws Exception {
    Platform p = new Platform(Optional.empty());
    p.events.add(add(1, "alice", PUSHED.minusSeconds(1)));
    Approvals a = ask(p);
    assertThat(a.found()).isEmpty();
    assertThat(a.notes()).containsExactly("The label approve was added by alice at "
        + PUSHED.minusSeconds(1) + ", before the head was pushed; a maintainer removes and adds"
        + " it again to approve the current commits.");
    assertThat(p.sealToWrite()).isEmpty();
  }

  @Test
  void aSealOfThatEventAndPersonKeepsAnEarlierLabelForTheSameDestroys() throws Exception {
    ApprovalSeal seal = new ApprovalSeal(FP, 1, "alice", OLD_HEAD);
    Platform p = new Platform(Optional.of(seal));
    p.events.add(add(1, "alice", PUSHED.minusSeconds(1)));
    p.coApprovers.add("bob");
    Approvals a = ask(p);
    assertThat(a.found()).extracting(Approval::approver).containsExactly("alice", "bob");
    assertThat(a.found().get(0).via()).isEqualTo("label approve, given at bbbbbbb");
    assertThat(p.sealToWrite()).as("the seal is kept, case of the key aside").contains(seal);
  }

  @Test
  void aSealOfOtherDestroysIsReturnedForTheGateToVoidAndAddsNoOne() throws Exception {
    ApprovalSeal seal = new ApprovalSeal(OTHER_FP, 1, "ALICE", OLD_HEAD);
    Platform p = new Platform(Optional.of(seal));
    p.events.add(add(1, "alice", PUSHED.minusSeconds(1)));
    p.coApprovers.add("bob");
    Approvals a = ask(p);
    assertThat(a.found()).extracting(Approval::approver, Approval::fingerprint)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", OTHER_FP));
    assertThat(p.coApprovalCalls).isZero();
    assertThat(p.sealToWrite()).isEmpty();
  }

  @Test
  void aSealOfAnotherEventOrPersonIsIgnored() throws Exception {
    for (ApprovalSeal other : List.of(new ApprovalSeal(FP, 2, "alice", OLD_HEAD),
        new ApprovalSeal(FP, 1, "mallory", OLD_HEAD))) {
      Platform p = new Platform(Optional.of(other));
      p.events.add(add(1, "alice", PUSHED.minusSeconds(1)));
      assertThat(ask(p).found()).as(other.toString()).isEmpty();
      assertThat(p.sealToWrite()).isEmpty();
    }
  }

  @Test
  void eachAskStartsWithoutTheLastSeal() throws Exception {
    Platform p = new Platform(Optional.empty());
    p.events.add(add(1, "alice", PUSHED.plusSeconds(1)));
    ask(p);
    assertThat(p.sealToWrite()).isPresent();
    p.events.add(new Event(2, "approve", false, PUSHED.plusSeconds(2), "alice"));
    ask(p);
    assertThat(p.sealToWrite()).isEmpty();
  }
}
