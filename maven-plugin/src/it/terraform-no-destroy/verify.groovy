def log = new File(basedir, 'build.log').text
assert log =~ /\[INFO\] plangate: pass .{1,3} nothing is destroyed or replaced/
assert !log.contains('[WARNING] plangate')
assert log.contains('BUILD SUCCESS')
['report.json', 'report.md', 'report.txt', 'report.sarif'].each {
  assert new File(basedir, "target/plangate/$it").isFile() : "$it was not written"
}
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/plangate/report.json'))
assert report.decision == 'pass'
assert report.plans*.path.every { it.endsWith('update-plan.json') }
return true
