# With --timeout 2 a call gets 408 "Request timeout exceeded" (the worker running it is stopped).
#   kubeless function deploy wait --runtime ruby3.1 --handler timeout.wait --from-file examples/ruby/timeout.rb --timeout 2
def wait(event, context)
  sleep 60
  'too late'
end
