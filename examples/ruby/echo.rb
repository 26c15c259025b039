# Returns the body and the Kubeless event fields the function saw (a Hash answers as JSON).
#   kubeless function deploy echo --runtime ruby3.1 --handler echo.echo --from-file examples/ruby/echo.rb
def echo(event, context)
  {
    'data' => event[:data],
    'event-id' => event[:'event-id'],
    'event-namespace' => event[:'event-namespace'],
    'function' => context[:'function-name']
  }
end
