def log = new File(basedir, 'build.log').text
assert log.contains('plangate:check')
['plans', 'templates', 'cdkOut', 'policy', 'base', 'head', 'formats', 'failOnApprovalRequired',
 'skip'].each { assert log.contains("User property: plangate.$it") : "no $it in the help" }
assert log.contains('BUILD SUCCESS')
return true
