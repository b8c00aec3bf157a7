package dev.plangate.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test over the public corpus ({@link SharedCorpus}): it runs when the corpus is there and is
 * skipped, with the reason, when it is not. {@link CorpusSummaryListener} prints how many ran
 * and how many were skipped, so a green build without the corpus never hides that it skipped.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(CorpusTest.TAG)
@ExtendWith(CorpusCondition.class)
public @interface CorpusTest {
  String TAG = "corpus";
}
