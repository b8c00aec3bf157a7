def log = new File(basedir, 'build.log').text
// A configuration problem is an execution error naming the parameter and the file, not a pass.
assert log =~ /Failed to execute goal dev\.plangate:plangate-maven-plugin:[^:]+:check \(default\) on project bad-policy: policy: /
assert log.contains('.plangate.yml:3')
assert log.contains('lable')
assert !new File(basedir, 'target/plangate/report.json').exists()
return true
