package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of {@link CommandRecognizer#recognize}: it never throws, its work (characters the
 * lexer visits, counted, not timed) stays within a constant factor of the input's length, and
 * composing known commands with shell separators and wrappers finds exactly their invocations.
 */
class CommandRecognizerPropertiesTest {

  /**
   * Work per input character allowed. Each character is lexed a bounded number of times: once
   * per enclosing command string (at most {@link CommandRecognizer#MAX_SHELL_DEPTH} + 1), twice
   * inside backticks and here-documents. Generous, but constant: quadratic behaviour exceeds it
   * on inputs of a few thousand characters.
   */
  static final int WORK_PER_CHAR = 64;

  /** Shell-significant pieces, to reach the lexer's corners more often than plain ASCII does. */
  static final List<String> SOUP = List.of("terraform", "apply", "destroy", "tofu", "pulumi",
      "up", "cdk", "deploy", "aws", "cloudformation", "delete-stack", "terragrunt", "run-all",
      "bash", "-c", "sh", "eval", "sudo", "env", "cd", "x", "-chdir=a", " ", " ", " ", "\n", ";",
      "&&", "||", "|", "&", "(", ")", "{", "}", "'", "\"", "`", "$", "$(", "$((", "${", "}", "\\",
      "<<", "<<-", "<<<", "EOF", "'EOF'", ">", "<", "2>&1", "<(", "#", "=", "TF=terraform",
      "$TF", "--", "-exec", ";;", "xargs", "npx", "--yes");

  static Gen<String> soup() {
    return lists().of(arbitrary().pick(SOUP)).ofSizeBetween(0, 80)
        .map(parts -> String.join("", parts));
  }

  @Test
  void neverThrowsAndStaysLinearOnArbitraryText() {
    qt().withExamples(3000).forAll(strings().ascii().ofLengthBetween(0, 300))
        .checkAssert(CommandRecognizerPropertiesTest::wellBehaved);
    qt().withExamples(2000).forAll(strings().allPossible().ofLengthBetween(0, 200))
        .checkAssert(CommandRecognizerPropertiesTest::wellBehaved);
  }

  @Test
  void neverThrowsAndStaysLinearOnShellSoup() {
    qt().withExamples(5000).forAll(soup())
        .checkAssert(CommandRecognizerPropertiesTest::wellBehaved);
  }

  @Test
  void withoutToolWordsOnlyTheVariableRuleCanFire() {
    // Neutral: no tool word, and no command the destructive-command table knows (`aws` names
    // no plan tool, but `aws ... delete-stack` deletes).
    java.util.Set<String> tableCommands = DestructiveCommands.builtin().rules().stream()
        .map(DestructiveCommands.Rule::command).collect(java.util.stream.Collectors.toSet());
    List<String> neutral = SOUP.stream()
        .filter(p -> ToolWords.first(p) == null && !tableCommands.contains(p.strip())).toList();
    Gen<String> soup = lists().of(arbitrary().pick(neutral)).ofSizeBetween(0, 80)
        .map(parts -> String.join("", parts));
    qt().withExamples(3000).forAll(soup).checkAssert(s -> {
      List<InfraCommand> found = CommandRecognizer.recognize(s);
      if (s.indexOf('$') < 0 && s.indexOf('`') < 0) {
        assertThat(found).as(s).isEmpty();
      } else {
        // Only "$X apply": a variable in command position before an action word.
        assertThat(found).as(s).allSatisfy(c -> {
          assertThat(c.action()).isEqualTo(Action.UNPARSEABLE);
          assertThat(c.tool()).isEqualTo(Tool.UNKNOWN);
        });
      }
    });
  }

  static void wellBehaved(String s) {
    List<InfraCommand> found = CommandRecognizer.recognize(s);
    assertThat(found).allSatisfy(c -> {
      assertThat(c.tool()).isNotNull();
      assertThat(c.action()).isNotNull();
      assertThat(c.text()).isNotNull();
      assertThat(c.args()).isNotNull();
    });
    if (!found.isEmpty()) {
      assertThat(ToolWords.mayMatch(s)).isTrue();
    }
    assertThat(CommandRecognizer.work(s)).isLessThanOrEqualTo(WORK_PER_CHAR * (s.length() + 1L));
  }

  /** A command and what it runs, as "TOOL ACTION" entries. */
  record Fragment(String text, List<String> expected) {
    static Fragment of(String text, String... expected) {
      return new Fragment(text, List.of(expected));
    }
  }

  /**
   * Commands that mean the same wherever they stand in a list or pipeline: no here-documents, no
   * comments, no background jobs, no variables, no bare shells reading standard input.
   */
  static final List<Fragment> FRAGMENTS = List.of(
      Fragment.of("terraform apply -auto-approve", "TERRAFORM APPLY"),
      Fragment.of("terraform apply tfplan", "TERRAFORM APPLY"),
      Fragment.of("terraform -chdir=infra destroy -auto-approve", "TERRAFORM DESTROY"),
      Fragment.of("terraform apply -destroy", "TERRAFORM DESTROY"),
      Fragment.of("terraform state rm 'aws_instance.a[\"k\"]'", "TERRAFORM STATE_RM"),
      Fragment.of("tofu apply", "TOFU APPLY"),
      Fragment.of("terragrunt run --all -- destroy", "TERRAGRUNT DESTROY"),
      Fragment.of("aws --region x cloudformation delete-stack --stack-name s",
          "CLOUDFORMATION DELETE_STACK"),
      Fragment.of("aws cloudformation execute-change-set --change-set-name c",
          "CLOUDFORMATION EXECUTE_CHANGE_SET"),
      Fragment.of("npx --yes aws-cdk@2 deploy --all", "CDK DEPLOY"),
      Fragment.of("cdk destroy -f", "CDK DESTROY"),
      Fragment.of("pulumi up --yes -s prod", "PULUMI DEPLOY"),
      Fragment.of("pulumi --cwd infra destroy -y", "PULUMI DESTROY"),
      Fragment.of("sudo -E env A=1 terraform destroy", "TERRAFORM DESTROY"),
      Fragment.of("TF_LOG=debug timeout 60 tofu destroy", "TOFU DESTROY"),
      Fragment.of("echo $(terraform apply)", "TERRAFORM APPLY"),
      Fragment.of("sh -c \"pulumi destroy --yes\"", "PULUMI DESTROY"),
      Fragment.of("(cd a && terraform apply)", "TERRAFORM APPLY"),
      Fragment.of("echo terraform apply"),
      Fragment.of("terraform plan -out=tfplan"),
      Fragment.of("git commit -m \"terraform destroy\""),
      Fragment.of("grep -r 'pulumi up' ."),
      Fragment.of("terraform apply -help"),
      Fragment.of("cdk synth"),
      Fragment.of("aws cloudformation describe-stacks"),
      Fragment.of("terragrunt run-all plan"),
      Fragment.of("printf '%s\\n' \"terraform destroy\""),
      Fragment.of("ls -la"),
      Fragment.of("cat main.tf"),
      Fragment.of("echo '$(terraform apply)'"));

  static final List<String> SEPARATORS = List.of(" && ", " || ", "; ", " | ", "\n", " ;\n ");

  static Gen<Fragment> composition() {
    Gen<Fragment> joined = lists().of(integers().between(0, FRAGMENTS.size() - 1)
            .zip(integers().between(0, SEPARATORS.size() - 1), (f, s) -> new int[] {f, s}))
        .ofSizeBetween(1, 8)
        .map(picks -> {
          StringBuilder text = new StringBuilder();
          List<String> expected = new ArrayList<>();
          for (int[] p : picks) {
            if (text.length() > 0) {
              text.append(SEPARATORS.get(p[1]));
            }
            Fragment f = FRAGMENTS.get(p[0]);
            text.append(f.text());
            expected.addAll(f.expected());
          }
          return new Fragment(text.toString(), expected);
        });
    return joined.zip(lists().of(integers().between(0, 5)).ofSizeBetween(0, 3), (f, wraps) -> {
      String t = f.text();
      for (int w : wraps) {
        t = switch (w) {
          case 0 -> "( " + t + " )";
          case 1 -> "{ " + t + "; }";
          case 2 -> "bash -c " + CommandRecognizerTest.quote(t);
          // "$( (" with the space: "$((" would be arithmetic, and bash would run nothing.
          case 3 -> "echo \"$( " + t + " )\"";
          case 4 -> "eval " + CommandRecognizerTest.quote(t);
          default -> "if true; then " + t + "\nfi";
        };
      }
      return new Fragment(t, f.expected());
    });
  }

  @Test
  void compositionsOfKnownCommandsFindExactlyTheirInvocations() {
    qt().withExamples(3000).forAll(composition()).checkAssert(f -> {
      List<InfraCommand> found = CommandRecognizer.recognize(f.text());
      assertThat(found.stream().map(c -> c.tool() + " " + c.action())
          .collect(Collectors.toList()))
          .as(f.text())
          .isEqualTo(f.expected());
      assertThat(CommandRecognizer.work(f.text()))
          .isLessThanOrEqualTo(WORK_PER_CHAR * (f.text().length() + 1L));
    });
  }

  @Test
  void pathologicalRepetitionsStayLinear() {
    List<String> units = List.of("$((", "$(", "<<A ", "<<A\n", "'", "\"$(", "${", "`", "\\`",
        "(", ")", "$(( terraform ", "bash -c '", "eval ", "<(", "echo $(terraform apply) ",
        "find . -exec terraform apply \\; ", "a=(", "terraform apply;", "cd x && ");
    for (String unit : units) {
      for (int n : new int[] {1_000, 8_000}) {
        String s = unit.repeat(n / unit.length() + 1) + " terraform apply";
        List<InfraCommand> found = CommandRecognizer.recognize(s);
        assertThat(found).as(unit).isNotNull();
        assertThat(CommandRecognizer.work(s)).as(unit)
            .isLessThanOrEqualTo(WORK_PER_CHAR * (s.length() + 1L));
      }
    }
  }
}
