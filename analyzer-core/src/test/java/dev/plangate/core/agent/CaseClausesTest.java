package dev.plangate.core.agent;

import static dev.plangate.core.agent.WrappersTest.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code case} inside {@code $(...)} ({@link CaseClauses}): its patterns' {@code )} must not end
 * the substitution, or the commands of the clause become arguments of the outer command and a
 * destroy there goes unseen. {@code case} starts a case only where a command starts (after an
 * operator or a word such as {@code then}, {@code do}, {@code !}); elsewhere it is a word.
 * Verdicts in {@link WrappersTest#verdict}'s notation.
 */
class CaseClausesTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void aDestroyInACaseInsideASubstitutionIsFound(String line, String expected) {
    assertThat(verdict(line)).isEqualTo(expected);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("echo $(case x in a) terraform destroy;; esac) z", "TERRAFORM DESTROY ?"),
        arguments("echo $(if true; then case x in a) terraform destroy;; esac; fi) z",
            "TERRAFORM DESTROY ?"),
        arguments("echo $(while true; do case x in a) terraform destroy;; esac; done) z",
            "TERRAFORM DESTROY ?"),
        arguments("echo $(false || case x in a) terraform destroy;; esac) z",
            "TERRAFORM DESTROY ?"),
        arguments("echo $(x && case x in a) terraform destroy;; esac) z", "TERRAFORM DESTROY ?"),
        arguments("echo $(x | case x in a) terraform destroy;; esac) z", "TERRAFORM DESTROY ?"),
        arguments("echo $(x & case x in a) terraform destroy;; esac) z", "TERRAFORM DESTROY ?"),
        arguments("echo $({ case x in a) terraform destroy;; esac; }) z", "TERRAFORM DESTROY ?"),
        arguments("echo $(! case x in a) terraform destroy;; esac) z", "TERRAFORM DESTROY ?"),
        arguments("echo $(time case x in a) terraform destroy;; esac) z", "TERRAFORM DESTROY ?"),
        arguments("echo $(if case x in a) terraform destroy;; esac; then :; fi) z",
            "TERRAFORM DESTROY ?"),
        arguments("echo $(until case x in a) terraform destroy;; esac; do :; done) z",
            "TERRAFORM DESTROY ?"),
        arguments("echo $(if false; then :; else case x in a) terraform destroy;; esac; fi) z",
            "TERRAFORM DESTROY ?"),
        arguments("echo $(if false; then :; elif case x in a) terraform destroy;; esac; then :; fi) z",
            "TERRAFORM DESTROY ?"),
        arguments("echo $(case x in a) ls;; b) case y in c) ls;; esac; terraform destroy;; esac) z",
            "TERRAFORM DESTROY ?"),
        arguments("echo $(case x in a) echo esac; terraform destroy;; esac) z",
            "TERRAFORM DESTROY ?"),
        arguments("echo $(case x in a) ls ;& b) terraform destroy ;;& esac) z",
            "TERRAFORM DESTROY ?"),
        arguments("echo $(case x in (a) terraform destroy;; esac) z", "TERRAFORM DESTROY ?"),
        arguments("echo $(case x in a|b) terraform destroy;; esac) z", "TERRAFORM DESTROY ?"),
        arguments("echo $(case x in esac) terraform destroy -auto-approve", ""),
        arguments("echo $(echo case x in a) terraform destroy", ""),
        arguments("echo $('case' x in a) terraform destroy", ""),
        arguments("echo $(echo > case x in a) terraform destroy", ""),
        arguments("echo $(case \"$X\" in prod) terraform destroy;; esac)", "TERRAFORM DESTROY ?"));
  }
}
