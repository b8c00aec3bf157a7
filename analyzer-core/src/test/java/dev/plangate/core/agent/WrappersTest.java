package dev.plangate.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The programs that run other programs, seen through ({@link Wrappers}): each line is one a user
 * (or an agent) could write to run a destroy behind a wrapper, and the verdict the hook must give.
 *
 * <p>Notation of {@link #verdict}: {@code TOOL ACTION [plan=FILE] [dir=DIR] [?]} per entry, joined
 * by {@code "; "}, where {@code ?} marks an entry that carries a reason to ask a person rather
 * than judge by the hook's own plan; empty when nothing is found.
 */
class WrappersTest {

  static String verdict(String line) {
    return verdict(CommandRecognizer.recognize(line));
  }

  static String verdict(List<InfraCommand> found) {
    return found.stream().map(c -> c.tool() + " " + c.action()
        + (c.planFile() != null ? " plan=" + c.planFile() : "")
        + (c.workingDir() != null ? " dir=" + c.workingDir() : "")
        + (c.reason() != null ? " ?" : ""))
        .collect(Collectors.joining("; "));
  }

  // ---- walk-arounds that were allowed, fixed --------------------------------------------------

  /**
   * A variable or substitution where the runner expects the program ({@code npx $PKG}, {@code
   * aws-vault exec prod $TF}, {@code docker run $IMAGE}) followed by an action word is a program
   * named when the line runs, like {@code $TF destroy} in command position: the hook asks. These
   * lines were all allowed.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "npx \"$PKG\" destroy --force",
      "npx $(cat pkg.txt) destroy --force",
      "pnpm dlx $PKG destroy",
      "yarn $BIN deploy",
      "npm run $SCRIPT -- destroy",
      "npm exec $BIN -- destroy",
      "aws-vault exec prod $TF destroy -auto-approve",
      "dotenv \"$TF\" destroy",
      "poetry run $TF apply -auto-approve",
      "docker run --rm $IMAGE destroy -auto-approve",
      "docker run --rm \"$TF_IMAGE\" apply -auto-approve",
      "podman run -v x:/w ${IMG} destroy"})
  void aVariableWhereTheRunnerExpectsTheProgramAsksBeforeAnActionWord(String line) {
    assertThat(verdict(line)).as(line).isEqualTo("UNKNOWN UNPARSEABLE ?");
  }

  @ParameterizedTest
  @ValueSource(strings = {"npx \"$PKG\" --version", "aws-vault exec prod $CMD", "yarn $SCRIPT",
      "docker run --rm $IMAGE ls", "npm run $SCRIPT -- --watch"})
  void aVariableProgramWithoutAnActionWordIsLeftAlone(String line) {
    assertThat(verdict(line)).as(line).isEmpty();
  }

  /**
   * {@code docker run --entrypoint terraform IMAGE destroy} runs {@code terraform destroy} in any
   * image; it was allowed because only the image's name was looked at.
   */
  @ParameterizedTest
  @MethodSource("entrypoints")
  void anEntrypointNamedOnTheLineIsTheProgramThatRuns(String line, String expected) {
    assertThat(verdict(line)).as(line).isEqualTo(expected);
  }

  static Stream<Arguments> entrypoints() {
    return Stream.of(
        arguments("docker run --entrypoint terraform mycorp/toolbox destroy -auto-approve",
            "TERRAFORM DESTROY ?"),
        arguments("docker run --rm --entrypoint=tofu mycorp/toolbox:2 destroy", "TOFU DESTROY ?"),
        arguments("podman run --entrypoint /usr/local/bin/terraform img -chdir=infra destroy",
            "TERRAFORM DESTROY dir=infra ?"),
        arguments("docker run --entrypoint sh img -c 'terraform destroy -auto-approve'",
            "TERRAFORM DESTROY ?"),
        arguments("docker run --entrypoint terraform hashicorp/terraform plan", ""),
        arguments("docker run --entrypoint terraform img", ""),
        arguments("docker run --entrypoint $EP img destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("docker run --entrypoint ls hashicorp/terraform:1.9 destroy", ""),
        arguments("docker exec --entrypoint x box terraform destroy", "TERRAFORM DESTROY ?"));
  }

  /**
   * A tool started by its package or image name rather than its binary: {@code nix run
   * nixpkgs#terraform -- destroy}, {@code kubectl run --image=hashicorp/terraform -- destroy},
   * and a command run in a pod with {@code oc rsh}. All three were allowed.
   */
  @ParameterizedTest
  @MethodSource("toolsByPackageOrImage")
  void aToolStartedByItsPackageOrImageIsRecognised(String line, String expected) {
    assertThat(verdict(line)).as(line).isEqualTo(expected);
  }

  static Stream<Arguments> toolsByPackageOrImage() {
    return Stream.of(
        arguments("nix run nixpkgs#terraform -- destroy -auto-approve", "TERRAFORM DESTROY"),
        arguments("nix run nixpkgs#opentofu -- -chdir=infra destroy", "TOFU DESTROY dir=infra"),
        arguments("nix run --impure github:x/y#pulumi -- destroy --yes", "PULUMI DESTROY"),
        arguments("nix run nixpkgs#terraform -- plan", ""),
        arguments("nix run nixpkgs#hello -- destroy", ""),
        arguments("nix run", ""),
        arguments("kubectl run tf --rm -i --image=hashicorp/terraform:1.9 -- destroy -auto-approve",
            "TERRAFORM DESTROY ?"),
        arguments("kubectl run tf --image hashicorp/terraform --restart=Never -- apply tfplan",
            "TERRAFORM APPLY plan=tfplan ?"),
        arguments("kubectl run tf --image=hashicorp/terraform -- plan", ""),
        arguments("kubectl run tf --image=busybox -- terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("kubectl run tf --image=hashicorp/terraform --command -- terraform destroy",
            "TERRAFORM DESTROY ?"),
        arguments("oc rsh tools terraform destroy -auto-approve", "TERRAFORM DESTROY ?"),
        arguments("oc rsh -c tf tools -- terraform destroy", "TERRAFORM DESTROY ?"));
  }

  /**
   * env's {@code -S} bundled with other flags ({@code env -iS 'terraform destroy'}) splits its
   * string into a command as {@code -S} alone does; the bundle was read as a flag and the
   * destroy allowed.
   */
  @ParameterizedTest
  @MethodSource("envSplitStrings")
  void envSplitStringBundledWithOtherFlagsRunsItsCommand(String line, String expected) {
    assertThat(verdict(line)).as(line).isEqualTo(expected);
  }

  static Stream<Arguments> envSplitStrings() {
    return Stream.of(
        arguments("env -iS 'terraform destroy -auto-approve'", "TERRAFORM DESTROY"),
        arguments("env -vS 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("env -vS'terraform destroy' -auto-approve", "TERRAFORM DESTROY"),
        arguments("env -ivS terraform destroy", "TERRAFORM DESTROY"),
        arguments("env -S", ""),
        arguments("env -iS", ""),
        // -u takes the rest of its cluster as the variable's name: no -S there
        arguments("env -uSECRET terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("env -CSUB terraform destroy", "TERRAFORM DESTROY dir=SUB"));
  }

  /**
   * {@code env -Cprod terraform apply} applies in prod: the directory attached to {@code -C}
   * (alone or in a cluster) was dropped, and the hook planned where it stood.
   */
  @ParameterizedTest
  @MethodSource("envDirectories")
  void envChangesDirectoryWithAnAttachedOrBundledC(String line, String expected) {
    assertThat(verdict(line)).as(line).isEqualTo(expected);
  }

  static Stream<Arguments> envDirectories() {
    return Stream.of(
        arguments("env -Cprod terraform apply -auto-approve", "TERRAFORM APPLY dir=prod"),
        arguments("env -vCprod terraform apply", "TERRAFORM APPLY dir=prod"),
        arguments("env -vC prod terraform apply", "TERRAFORM APPLY dir=prod"),
        arguments("cd infra && env -C prod terraform apply", "TERRAFORM APPLY dir=infra/prod"),
        arguments("env -P/usr/bin terraform apply", "TERRAFORM APPLY"),
        arguments("env -P /usr/bin terraform apply", "TERRAFORM APPLY"),
        arguments("env -u X -C prod terraform apply", "TERRAFORM APPLY dir=prod ?"),
        arguments("env -C", ""));
  }

  /**
   * {@code eval} runs its string in this very shell: a {@code cd} in it moves the commands after
   * it. It was skipped for naming no tool, so the hook planned the wrong directory.
   */
  @ParameterizedTest
  @MethodSource("evals")
  void aCdInsideEvalMovesTheCommandsAfterIt(String line, String expected) {
    assertThat(verdict(line)).as(line).isEqualTo(expected);
  }

  static Stream<Arguments> evals() {
    return Stream.of(
        arguments("eval 'cd prod'; terraform apply -auto-approve", "TERRAFORM APPLY dir=prod"),
        arguments("eval cd prod && terraform apply", "TERRAFORM APPLY dir=prod"),
        arguments("eval \"cd $ENV\" && terraform apply", "TERRAFORM APPLY dir=$ENV"),
        arguments("eval A=destroy; terraform $A", "TERRAFORM DESTROY ?"),
        arguments("(eval 'cd prod'); terraform apply", "TERRAFORM APPLY"),
        arguments("bash -c 'cd prod'; terraform apply", "TERRAFORM APPLY"));
  }

  // ---- each wrapper ------------------------------------------------------------------------

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("wrapped")
  void seesThroughWrappers(String line, String expected) {
    assertThat(verdict(line)).isEqualTo(expected);
  }

  static Stream<Arguments> wrapped() {
    return Stream.of(
        // env
        arguments("env -S 'terraform destroy -auto-approve'", "TERRAFORM DESTROY"),
        arguments("env -S'terraform destroy' -auto-approve", "TERRAFORM DESTROY"),
        arguments("env --split-string='terraform destroy' -auto-approve", "TERRAFORM DESTROY"),
        arguments("env --split-string 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("env -S", ""),
        arguments("env -u HOME terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("env -uHOME terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("env --unset=HOME terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("env -i terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("env --ignore-environment terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("env - terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("env -P /usr/bin terraform destroy", "TERRAFORM DESTROY"),
        arguments("env -C infra terraform destroy", "TERRAFORM DESTROY dir=infra"),
        arguments("env --chdir=infra terraform destroy", "TERRAFORM DESTROY dir=infra"),
        arguments("env -C infra -- terraform destroy", "TERRAFORM DESTROY dir=infra"),
        arguments("env -v terraform destroy", "TERRAFORM DESTROY"),
        arguments("env AWS_PROFILE=prod terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("env -C", ""),
        arguments("env", ""),
        arguments("env -- ", ""),
        arguments("env X=1", ""),
        // watch
        arguments("watch -n 5 terraform destroy", "TERRAFORM DESTROY"),
        arguments("watch --interval 5 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("watch -x terraform destroy", "TERRAFORM DESTROY"),
        arguments("watch --exec terraform destroy", "TERRAFORM DESTROY"),
        arguments("watch -n 5", ""),
        arguments("cd infra && watch terraform destroy", "TERRAFORM DESTROY dir=infra"),
        // eval: same shell
        arguments("eval 'cd infra'; terraform destroy", "TERRAFORM DESTROY dir=infra"),
        arguments("bash -c 'cd infra'; terraform destroy", "TERRAFORM DESTROY"),
        arguments("eval", ""),
        // ssh
        arguments("ssh host terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("ssh -p 2222 -i key host terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("cd infra && ssh host terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("ssh host <<'EOF'\nterraform destroy\nEOF", "TERRAFORM DESTROY ?"),
        arguments("ssh host", ""),
        arguments("ssh", ""),
        // su and script
        arguments("su -c 'terraform destroy' deploy", "TERRAFORM DESTROY"),
        arguments("su deploy --command='terraform destroy'", "TERRAFORM DESTROY"),
        arguments("su -lc 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("script -qc 'terraform destroy' /dev/null", "TERRAFORM DESTROY"),
        arguments("script -q -c 'terraform destroy' /dev/null", "TERRAFORM DESTROY"),
        arguments("script -qc", ""),
        arguments("su deploy", ""),
        // source
        arguments("source /dev/stdin <<< 'terraform destroy'", "TERRAFORM DESTROY ?"),
        arguments(". - <<EOF\nterraform destroy\nEOF", "TERRAFORM DESTROY ?"),
        arguments("source /dev/fd/0 <<< 'terraform destroy'", "TERRAFORM DESTROY ?"),
        arguments("source /proc/self/fd/0 <<< 'terraform destroy'", "TERRAFORM DESTROY ?"),
        arguments("source /dev/stdin; terraform plan", "TERRAFORM UNPARSEABLE ?"),
        arguments("source \"$ENV_FILE\"; terraform plan", "TERRAFORM UNPARSEABLE ?"),
        arguments("source ./env.sh && terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("source \"$ENV_FILE\"", ""),
        arguments("source", ""),
        // find
        arguments("find . -name '*.tf' -exec terraform destroy \\;", "TERRAFORM DESTROY ?"),
        arguments("find . -execdir terraform destroy +", "TERRAFORM DESTROY ?"),
        arguments("find . -ok terraform destroy \\;", "TERRAFORM DESTROY ?"),
        arguments("find . -okdir terraform destroy \\;", "TERRAFORM DESTROY ?"),
        arguments("find . -exec \\; -exec terraform destroy \\;", "TERRAFORM DESTROY ?"),
        arguments("find . -exec echo {} \\; -print", ""),
        arguments("find . -name terraform.tfstate -delete", "OTHER DELETE ?"),
        // parallel
        arguments("parallel terraform destroy ::: a b", "TERRAFORM DESTROY"),
        arguments("parallel 'terraform destroy' ::: a", "TERRAFORM DESTROY"),
        arguments("parallel -j 2 terraform destroy ::: a", "TERRAFORM DESTROY"),
        arguments("parallel --jobs 2 'terraform destroy' ::: a", "TERRAFORM DESTROY"),
        arguments("ls | parallel terraform", "TERRAFORM UNPARSEABLE ?"),
        arguments("parallel ::: terraform", "TERRAFORM UNPARSEABLE ?"),
        arguments("parallel echo ::: a", ""),
        // cd, pushd, popd
        arguments("cd infra | terraform destroy", "TERRAFORM DESTROY"),
        arguments("cd infra & terraform destroy", "TERRAFORM DESTROY"),
        arguments("cd -- infra && terraform destroy", "TERRAFORM DESTROY dir=infra"),
        arguments("cd -P infra && terraform destroy", "TERRAFORM DESTROY dir=infra"),
        arguments("cd && terraform destroy", "TERRAFORM DESTROY dir=~"),
        arguments("cd /srv && cd infra && terraform destroy", "TERRAFORM DESTROY dir=/srv/infra"),
        arguments("cd infra; cd -; terraform destroy", "TERRAFORM DESTROY"),
        arguments("cd a; cd b; cd -; terraform destroy", "TERRAFORM DESTROY dir=a"),
        arguments("pushd infra && pushd prod && popd && terraform destroy",
            "TERRAFORM DESTROY dir=infra"),
        arguments("pushd infra && terraform destroy", "TERRAFORM DESTROY dir=infra"),
        arguments("pushd && terraform destroy", "TERRAFORM DESTROY"),
        arguments("popd && terraform destroy", "TERRAFORM DESTROY"),
        arguments("cd a && pushd b && popd && terraform destroy", "TERRAFORM DESTROY dir=a"),
        arguments("pushd b; popd; terraform destroy", "TERRAFORM DESTROY dir=."),
        // export and friends
        arguments("export A=destroy; terraform $A", "TERRAFORM DESTROY ?"),
        arguments("declare A=destroy; terraform $A", "TERRAFORM DESTROY ?"),
        arguments("typeset A=destroy; terraform $A", "TERRAFORM DESTROY ?"),
        arguments("local A=destroy; terraform $A", "TERRAFORM DESTROY ?"),
        arguments("readonly A=destroy; terraform $A", "TERRAFORM DESTROY ?"),
        arguments("export A=destroy | cat; terraform $A", "TERRAFORM UNPARSEABLE ?"),
        arguments("export -n A; terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("export TF_CLI_ARGS_apply=-destroy", "OTHER DELETE ?"),
        arguments("export TF_CLI_ARGS_apply=-destroy; terraform apply",
            "OTHER DELETE ?; TERRAFORM APPLY ?"),
        // unset and friends
        arguments("A=destroy; unset A; terraform $A", "TERRAFORM UNPARSEABLE ?"),
        arguments("T=$(which tofu); unset T; $T destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("set -e; terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("alias tf=terraform; terraform destroy",
            "TERRAFORM UNPARSEABLE ?; TERRAFORM DESTROY ?"),
        // direnv, nix, sops
        arguments("direnv exec infra terraform destroy", "TERRAFORM DESTROY dir=infra"),
        arguments("direnv exec infra", ""),
        arguments("direnv allow; terraform destroy", "TERRAFORM DESTROY"),
        arguments("nix-shell -p terraform --run 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("nix-shell --command 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("nix-shell -p terraform", ""),
        arguments("nix develop -c terraform destroy", "TERRAFORM DESTROY"),
        arguments("nix develop --command terraform destroy", "TERRAFORM DESTROY"),
        arguments("nix develop; terraform destroy", "TERRAFORM DESTROY"),
        arguments("sops exec-env s.json 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("sops exec-file s.json 'terraform destroy {}'", "TERRAFORM DESTROY"),
        arguments("sops exec-env s.json", ""),
        arguments("sops -d s.json; terraform destroy", "TERRAFORM DESTROY"),
        // shells
        arguments("bash -c 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("bash -o pipefail -c 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("bash -O extglob -c 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("bash +o pipefail -c 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("bash --rcfile rc -c 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("bash --init-file rc -c 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("bash --norc --command 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("bash -ec 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("bash -- script.sh; terraform plan", ""),
        arguments("bash - <<< 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("bash -s <<< 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("bash -s arg <<< 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("echo 'terraform destroy' | bash -s -- arg", "TERRAFORM DESTROY"),
        arguments("bash script.sh <<< 'terraform destroy'", ""),
        arguments("bash -c; terraform plan", "TERRAFORM UNPARSEABLE ?"),
        arguments("xargs bash -c 'terraform destroy'",
            "TERRAFORM DESTROY ?; TERRAFORM UNPARSEABLE ?"),
        arguments("bash -c \"$CMD\"; terraform plan", ""),
        arguments("cat plan.sh | bash; terraform plan", "TERRAFORM UNPARSEABLE ?"),
        arguments("bash < cmds.txt; terraform plan", ""),
        arguments("bash <<< \"$CMD\"; terraform plan", ""),
        arguments("bash \"$SCRIPT\"; terraform plan", "TERRAFORM UNPARSEABLE ?"),
        arguments("bash /dev/stdin; terraform plan", "TERRAFORM UNPARSEABLE ?"),
        arguments("bash /proc/self/fd/0; terraform plan", "TERRAFORM UNPARSEABLE ?"),
        arguments("bash; terraform plan", ""),
        arguments("bash -x deploy.sh; terraform plan", ""),
        arguments("bash <(curl -s x); terraform plan", "TERRAFORM UNPARSEABLE ?"),
        arguments("fish -c 'terraform destroy'", "TERRAFORM DESTROY"),
        // credential and toolchain runners
        arguments("aws-vault exec prod -- terraform destroy", "TERRAFORM DESTROY"),
        arguments("aws-vault exec prod terraform destroy", "TERRAFORM DESTROY"),
        arguments("aws-vault --debug exec prod -- terraform destroy", "TERRAFORM DESTROY"),
        arguments("aws-vault exec prod --", ""),
        arguments("aws-vault login prod; terraform plan", ""),
        arguments("aws-vault exec prod -- bash -c 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("aws-vault exec prod -- ./deploy.sh destroy", ""),
        arguments("dotenv terraform destroy", "TERRAFORM DESTROY"),
        arguments("dotenv -e .env -- terraform destroy", "TERRAFORM DESTROY"),
        arguments("dotenv -e .env terraform destroy", "TERRAFORM DESTROY"),
        arguments("envchain prod terraform destroy", "TERRAFORM DESTROY"),
        arguments("summon sh -c 'terraform destroy'", "TERRAFORM DESTROY"),
        arguments("poetry run terraform destroy", "TERRAFORM DESTROY"),
        arguments("uv run -- tofu destroy", "TOFU DESTROY"),
        arguments("hatch run terraform destroy", "TERRAFORM DESTROY"),
        arguments("mise x -- terraform destroy", "TERRAFORM DESTROY"),
        arguments("asdf exec terraform destroy", "TERRAFORM DESTROY"),
        arguments("op run --env-file .env -- terraform destroy", "TERRAFORM DESTROY"),
        arguments("op item get x; terraform plan", ""),
        arguments("dotenvx run -- $TF destroy", "UNKNOWN UNPARSEABLE ?"),
        arguments("dotenvx run", ""),
        // containers
        arguments("docker run --rm hashicorp/terraform:1.9 destroy -auto-approve",
            "TERRAFORM DESTROY ?"),
        arguments("docker run --rm -v $PWD:/w -w /w -e TF_LOG=1 --name tf hashicorp/terraform "
            + "destroy",
            "TERRAFORM DESTROY ?"),
        arguments("docker run --rm --volume x:/w --workdir /w hashicorp/terraform destroy",
            "TERRAFORM DESTROY ?"),
        arguments("docker run -it --rm alpine sh -c 'terraform destroy'", "TERRAFORM DESTROY ?"),
        arguments("docker run --rm img -- terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("docker run --rm img", ""),
        arguments("docker run", ""),
        arguments("docker exec -it box terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("docker exec box", ""),
        arguments("docker exec hashicorp/terraform destroy", ""),
        arguments("docker -H tcp://x run --rm hashicorp/terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("docker --context prod exec box terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("docker compose run --rm tf terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("docker compose -f ci.yml -p proj exec tf terraform destroy",
            "TERRAFORM DESTROY ?"),
        arguments("docker compose", ""),
        arguments("docker compose up -d; terraform plan", ""),
        arguments("docker container run --rm hashicorp/terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("docker-compose run tf terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("podman run --rm ghcr.io/opentofu/opentofu:1.8 destroy", "TOFU DESTROY ?"),
        arguments("nerdctl exec box tofu destroy", "TOFU DESTROY ?"),
        arguments("finch run --rm amazon/aws-cli cloudformation delete-stack --stack-name x",
            "CLOUDFORMATION DELETE_STACK ?"),
        arguments("docker ps; terraform plan", ""),
        arguments("docker build .; terraform plan", ""),
        arguments("kubectl exec tools -- terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("kubectl exec -n infra -c tf tools -- terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("kubectl -n infra exec tools -- terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("kubectl --context prod exec tools -- terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("kubectl exec tools terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("kubectl exec -c tf tools terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("kubectl exec tools --", ""),
        arguments("kubectl exec tools", ""),
        arguments("kubectl debug node/x -it --image=busybox -- terraform destroy",
            "TERRAFORM DESTROY ?"),
        arguments("oc exec tools -- terraform destroy", "TERRAFORM DESTROY ?"),
        arguments("kubectl get pods; terraform plan", ""),
        arguments("kubectl delete namespace prod", "OTHER DELETE ?"),
        arguments("kubectl", ""),
        arguments("docker run -e X=1 hashicorp/terraform:1.9 apply tfplan",
            "TERRAFORM APPLY plan=tfplan ?"),
        // JavaScript package runners
        arguments("npx cdk destroy --force", "CDK DESTROY"),
        arguments("npx -y aws-cdk@2 destroy", "CDK DESTROY"),
        arguments("npx --yes --package aws-cdk cdk destroy", "CDK DESTROY"),
        arguments("npx -p aws-cdk cdk destroy", "CDK DESTROY"),
        arguments("npx --call 'cdk destroy --force'", "CDK DESTROY"),
        arguments("npx -c 'cdk destroy --force'", "CDK DESTROY"),
        arguments("pnpx cdk destroy", "CDK DESTROY"),
        arguments("bunx cdk destroy", "CDK DESTROY"),
        arguments("npx", ""),
        arguments("npx -y", ""),
        arguments("npx cdk", ""),
        arguments("npx prettier --write .; cdk synth", ""),
        arguments("npx some-runner cdk destroy", "CDK DESTROY ?"),
        arguments("npm exec cdk destroy", "CDK DESTROY"),
        arguments("npm exec -- cdk destroy", "CDK DESTROY"),
        arguments("npm x cdk destroy", "CDK DESTROY"),
        arguments("npm exec -c 'cdk destroy'", "CDK DESTROY"),
        arguments("npm exec --call='cdk destroy'", "CDK DESTROY"),
        arguments("npm run cdk -- destroy --force", "CDK DESTROY"),
        arguments("npm run-script cdk destroy", "CDK DESTROY"),
        arguments("npm --prefix infra run cdk -- destroy", "CDK DESTROY dir=infra"),
        arguments("npm run deploy; cdk synth", ""),
        arguments("npm run", ""),
        arguments("npm", ""),
        arguments("pnpm dlx aws-cdk destroy", "CDK DESTROY"),
        arguments("pnpm -C infra exec cdk destroy", "CDK DESTROY dir=infra"),
        arguments("pnpm --dir infra cdk destroy", "CDK DESTROY dir=infra"),
        arguments("pnpm --filter infra cdk destroy", "CDK DESTROY"),
        arguments("yarn cdk destroy", "CDK DESTROY"),
        arguments("yarn --cwd infra cdk destroy", "CDK DESTROY dir=infra"),
        arguments("yarn dlx aws-cdk destroy", "CDK DESTROY"),
        arguments("yarn workspace infra cdk destroy", "CDK DESTROY ?"),
        arguments("bun run cdk destroy", "CDK DESTROY"),
        arguments("bun x cdk destroy", "CDK DESTROY"),
        arguments("npx terraform destroy", "TERRAFORM DESTROY"));
  }
}
