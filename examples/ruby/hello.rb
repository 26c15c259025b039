# The smallest Ruby function, as written for the original Kubeless (runtime ruby2.6):
#   kubeless function deploy hello --runtime ruby3.1 --handler hello.hello --from-file examples/ruby/hello.rb
def hello(event, context)
  'hello world'
end
