def Scenario = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, "Scenario.groovy"))
def s = Scenario.newInstance(basedir, examples)
s.copy('orders-service/destroy-plan.json', 'plan.json')
s.write('.plangate.yml', 'version: 1\napproval:\n  lable: ops/approve\n')
s.commit('Plan and policy')
return true
