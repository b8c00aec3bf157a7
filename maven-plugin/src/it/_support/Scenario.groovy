// A scratch git repository for an integration build, made by its prebuild script: commits with
// fixed dates, files taken from the repository's examples/, and a local bare origin so that the
// goal's default base (the merge base with the upstream branch) has something to find.
class Scenario {
  final File dir
  final File examples
  private int minute = 0

  Scenario(File dir, String examples) {
    this.dir = dir
    this.examples = new File(examples)
    new File(dir, '.git').deleteDir()
    git('init', '-q', '-b', 'main')
    git('config', 'user.name', 'Dana Reyes')
    git('config', 'user.email', 'dana.reyes@example.com')
    git('config', 'commit.gpgsign', 'false')
    new File(dir, '.gitignore').text = 'target/\nbuild.log\n'
  }

  String git(String... args) {
    def pb = new ProcessBuilder(['git'] + args.toList()).directory(dir).redirectErrorStream(true)
    pb.environment().putAll([GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_AUTHOR_DATE: date(), GIT_COMMITTER_DATE: date()])
    def p = pb.start()
    def out = p.inputStream.text
    if (p.waitFor() != 0) {
      throw new IllegalStateException("git ${args.join(' ')} failed in $dir: $out")
    }
    return out.trim()
  }

  /** Copies a file, or a directory's content over what is there, from examples/. */
  Scenario copy(String from, String to) {
    def src = new File(examples, from)
    def dst = new File(dir, to)
    if (src.isDirectory()) {
      src.eachFileRecurse { f ->
        if (f.isFile()) {
          def target = new File(dst, src.toPath().relativize(f.toPath()).toString())
          target.parentFile.mkdirs()
          target.bytes = f.bytes
        }
      }
    } else {
      dst.parentFile.mkdirs()
      dst.bytes = src.bytes
    }
    return this
  }

  Scenario remove(String path) {
    def f = new File(dir, path)
    if (f.isDirectory()) {
      f.deleteDir()
    } else {
      f.delete()
    }
    return this
  }

  Scenario write(String path, String text) {
    def f = new File(dir, path)
    f.parentFile.mkdirs()
    f.text = text
    return this
  }

  /** Commits everything; returns the new commit's sha. */
  String commit(String message) {
    minute++
    git('add', '-A')
    git('commit', '-q', '-m', message)
    return git('rev-parse', 'HEAD')
  }

  /**
   * The orders service (examples/orders-service/before) committed by a person and pushed, then a
   * branch that tracks origin/main: what each Terraform build starts from.
   */
  Scenario ordersServiceOnABranch(String branch) {
    copy('orders-service/before/main.tf', 'main.tf').commit('Orders service: database, web and cache')
    return publish(branch)
  }

  /** Pushes main to a bare origin beside the project and starts a branch that tracks it. */
  Scenario publish(String branch) {
    def origin = new File(dir.parentFile, dir.name + '-origin.git')
    origin.deleteDir()
    git('init', '-q', '--bare', origin.absolutePath)
    git('remote', 'add', 'origin', origin.absolutePath)
    git('push', '-q', '-u', 'origin', 'main')
    git('checkout', '-q', '-b', branch, '--track', 'origin/main')
    return this
  }

  private String date() {
    return String.format('2025-11-20T10:%02d:00Z', minute)
  }
}
