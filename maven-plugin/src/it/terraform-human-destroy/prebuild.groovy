def Scenario = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, "Scenario.groovy"))
def s = Scenario.newInstance(basedir, examples)
s.ordersServiceOnABranch('cleanup')
s.copy('orders-service/after-destroy/main.tf', 'main.tf')
    .copy('orders-service/destroy-plan.json', 'plan.json')
    .commit('Remove the database: orders moved to the shared cluster')
return true
