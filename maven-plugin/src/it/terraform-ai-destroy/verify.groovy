def log = new File(basedir, 'build.log').text
// The goal's own log: the decision, one line per finding, the cause and the next step.
assert log.contains('plangate: commits from the merge base of HEAD and origin/main (the repository\'s default branch)')
assert log =~ /\[ERROR\] plangate: approval required .{1,3} an AI-authored change destroys 1 resource/
assert log =~ /\[(ERROR|WARNING)\]   destroy terraform_data\.database \(block removed from configuration; caused by [0-9a-f]{7} \(Claude Code\)\)/
assert log =~ /Caused by [0-9a-f]{7} "Remove unused database" \(Claude Code\)\./
assert log.contains('To approve: a build outside a pull request or merge request cannot be approved. Run it in the pull request\'s GitHub workflow or the merge request\'s GitLab pipeline')
assert !log.contains('have a maintainer approve with the label')
// The failure Maven prints at the end: the same decision, the finding, the report's path.
assert log =~ /Failed to execute goal dev\.plangate:plangate-maven-plugin:[^:]+:check \(default\) on project terraform-ai-destroy: plangate: approval required/
assert log.contains('Full report: target/plangate/report.md')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/plangate/report.json'))
assert report.decision == 'approval_required'
assert report.findings*.address == ['terraform_data.database']
assert new File(basedir, 'target/plangate/report.md').text.contains('approval required')
return true
