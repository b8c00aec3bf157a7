def log = new File(basedir, 'build.log').text
// Not the branch's own upstream (a range of no commits, once read as a person's change).
assert log.contains("plangate: commits from the merge base of HEAD and origin/main (the repository's default branch)")
assert log =~ /\[ERROR\] plangate: approval required .{1,3} an AI-authored change destroys 1 resource/
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/plangate/report.json'))
assert report.decision == 'approval_required'
assert report.authorship.aiInvolved == true
return true
