# Uses a dependency bundle installs from the Gemfile in the installation phase.
# Deploy the directory as a zip (the vendored gem travels with it):
#   (cd examples/ruby/with-deps && zip -r /tmp/greet.zip .)
#   kubeless function deploy greet --runtime ruby3.1 --handler greet.greet --from-file /tmp/greet.zip \
#     --dependencies examples/ruby/with-deps/Gemfile
require 'greeting'

def greet(event, context)
  Greeting.for(event[:data].to_s.empty? ? 'kubeless user' : event[:data])
end
