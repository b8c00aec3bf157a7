def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] plangate: skipped (plangate.skip): no plan was checked, nothing was approved')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/plangate').exists()
return true
