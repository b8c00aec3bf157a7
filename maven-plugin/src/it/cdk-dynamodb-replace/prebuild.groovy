def Scenario = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, "Scenario.groovy"))
def s = Scenario.newInstance(basedir, examples)
s.copy('cdk-java-app/src', 'src').copy('cdk-java-app/cdk.json', 'cdk.json')
    .copy('cdk-java-app/before', '.').commit('Orders stack: table, handler, alarm')
s.publish('feature/orders-by-customer')
s.remove('cdk.out').copy('cdk-java-app/after', '.')
    .commit('Key orders by customer\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>')
return true
