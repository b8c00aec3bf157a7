def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] plangate: approval required .{1,3} an AI-authored change replaces 1 resource \(1 critical\)/
assert log =~ /\[ERROR\]   replace OrdersStack\/OrdersTable315BB997 \(database; KeySchema changed, and CloudFormation cannot change KeySchema of AWS::DynamoDB::Table/
assert log.contains('3 depend on it')
assert log =~ /Caused by [0-9a-f]{7} "Key orders by customer" \(Claude Code\)\./
assert log =~ /on project cdk-dynamodb-replace: plangate: approval required/
// No markdown or text asked for: the message names the JSON report.
assert log.contains('Full report: target/plangate/report.json')
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/plangate/report.json'))
assert report.decision == 'approval_required'
def table = report.findings.find { it.address == 'OrdersStack/OrdersTable315BB997' }
assert table.action == 'replace'
assert table.critical
assert new File(basedir, 'target/plangate/report.sarif').text.contains('plangate/replace')
return true
