def log = new File(basedir, 'build.log').text
assert log =~ /\[WARNING\] plangate: pass .{1,3} a human-authored change destroys 1 resource; review it before applying/
assert log =~ /\[INFO\]   destroy terraform_data\.database \(block removed from configuration; caused by [0-9a-f]{7} \(Dana Reyes <dana.reyes@example.com>\)\)/
assert log.contains('[WARNING] Review the destroys before applying.')
assert log.contains('BUILD SUCCESS')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/plangate/report.json'))
assert report.decision == 'pass'
assert report.authorship.aiInvolved == false
return true
