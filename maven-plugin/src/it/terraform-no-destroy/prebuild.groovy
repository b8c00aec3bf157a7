def Scenario = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, "Scenario.groovy"))
def s = Scenario.newInstance(basedir, examples)
s.ordersServiceOnABranch('bigger-cache')
s.copy('orders-service/after-update/main.tf', 'main.tf')
    .copy('orders-service/update-plan.json', 'update-plan.json')
    .commit('Bigger cache\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>')
return true
