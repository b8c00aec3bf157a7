def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] plangate: skipped (plangate.skip)')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/plangate').exists()
return true
