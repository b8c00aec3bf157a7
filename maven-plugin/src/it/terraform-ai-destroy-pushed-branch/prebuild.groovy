def Scenario = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, "Scenario.groovy"))
def s = Scenario.newInstance(basedir, examples)
s.ordersServiceOnABranch('cleanup')
s.copy('orders-service/after-destroy/main.tf', 'main.tf')
    .copy('orders-service/destroy-plan.json', 'plan.json')
    .commit('Remove unused database\n\nCo-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>')
// Pushed for review: the branch now tracks itself, so its merge base with its upstream is HEAD.
s.git('push', '-q', '-u', 'origin', 'cleanup')
assert s.git('rev-parse', '--abbrev-ref', '@{upstream}').trim() == 'origin/cleanup'
return true
