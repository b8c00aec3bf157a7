package dev.plangate.core.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plangate.core.model.ChangeKind;
import dev.plangate.core.model.ReplaceOrder;
import dev.plangate.core.model.ResourceChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deferred change is the change itself, moved out of the change list: nothing else differs. */
class DeferredCopyTest {
  @Test
  void aDeferredChangeKeepsEveryComponentButListed() {
    ResourceChange c = new ResourceChange("module.m.t.x[0]", "d1", "t", true,
        ChangeKind.REPLACE, ReplaceOrder.CREATE_BEFORE_DELETE, List.of("create", "delete"),
        "replace_because_cannot_update", List.of("ami"), "t.old", true, true,
        Map.of("name", "x"), true, "the image changed", "main.tf:3", null);

    ResourceChange deferred = TerraformPlanReader.deferredCopy(c);

    assertThat(deferred).isEqualTo(new ResourceChange(c.address(), c.deposed(), c.type(),
        c.managed(), c.kind(), c.order(), c.rawActions(), c.reason(), c.replacePaths(),
        c.previousAddress(), c.importing(), false, c.before(), c.conditional(), c.why(),
        c.location(), c.urn()));
  }
}
