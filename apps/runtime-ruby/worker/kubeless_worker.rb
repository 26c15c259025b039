# frozen_string_literal: true

# The Ruby worker of kubeless-ts: loads $MOD_NAME.rb from the install volume
# once, then runs `FUNC_HANDLER(event, context)` for each call
# kubeless-worker-host sends on fd 3 (one JSON object per line) and answers on
# fd 4. The host owns HTTP, timeouts (it kills this process), metrics and logs;
# what the function prints goes to the pod log.
require 'json'
require 'base64'

module KubelessWorker
  # The request a function may read as event[:extensions][:request].
  Request = Struct.new(:method, :url, :path, :query_string, :headers, :body, :remote_addr, keyword_init: true)
  # Set status and headers on event[:extensions][:response] to choose them (the original could not).
  Response = Struct.new(:status, :headers)

  module_function

  # Kubeless gave Ruby functions symbol keys; string keys work too.
  def indifferent(hash)
    Hash.new { |h, key| key.is_a?(String) && h.key?(key.to_sym) ? h[key.to_sym] : nil }.merge!(hash)
  end

  def emit(io, message)
    io.write("#{JSON.generate(message)}\n")
    io.flush
  end

  def load_function(volume, mod, handler)
    gemfile = File.join(volume, 'Gemfile')
    if File.file?(gemfile)
      ENV['BUNDLE_GEMFILE'] ||= gemfile
      ENV['BUNDLE_PATH'] ||= File.join(volume, 'bundle')
      require 'bundler/setup'
    end
    $LOAD_PATH.unshift(volume)
    load File.join(volume, "#{mod}.rb")
    return if Object.private_method_defined?(handler) || Object.method_defined?(handler)

    raise NameError, "#{mod}.rb defines no method #{handler}"
  end

  def event_for(call, response)
    body = Base64.decode64(call['body'] || '')
    data = call['json'] && !body.empty? ? JSON.parse(body) : body
    request = Request.new(**call['request'].transform_keys(&:to_sym), body: body)
    indifferent(
      data: data,
      'event-id': call['event']['event-id'],
      'event-type': call['event']['event-type'],
      'event-time': call['event']['event-time'],
      'event-namespace': call['event']['event-namespace'],
      extensions: indifferent(request: request, response: response)
    )
  end

  def encode(result, response)
    case result
    when nil then ''
    when String then result
    when Hash, Array
      response.headers['content-type'] ||= 'application/json'
      JSON.generate(result)
    else result.to_s
    end
  end

  def answer(call, handler)
    response = Response.new(200, {})
    event = event_for(call, response)
    context = indifferent(call['context'].transform_keys(&:to_sym))
    body = encode(TOPLEVEL_BINDING.receiver.send(handler, event, context), response)
    { status: response.status, headers: response.headers, body: Base64.strict_encode64(body.b) }
  rescue JSON::ParserError => e
    { status: 400, headers: {}, body: Base64.strict_encode64("Malformed JSON body: #{e.message}") }
  rescue Exception => e # rubocop:disable Lint/RescueException -- a function's failure is the caller's 500, never the worker's end
    warn "#{e.class}: #{e.message}\n#{(e.backtrace || []).join("\n")}"
    { error: "#{e.class}: #{e.message}" }
  end

  def run
    calls = IO.new(3, 'r')
    answers = IO.new(4, 'w')
    $stdout.sync = true
    handler = ENV.fetch('FUNC_HANDLER', '').to_sym
    mod = ENV.fetch('MOD_NAME', '')
    begin
      load_function(ENV.fetch('KUBELESS_INSTALL_VOLUME', '/kubeless'), mod, handler)
    rescue Exception => e # rubocop:disable Lint/RescueException -- reported to the host, which exits 1 with it
      emit(answers, error: "cannot load #{mod}.rb: #{e.class}: #{e.message}")
      exit 1
    end
    emit(answers, ready: true)
    while (line = calls.gets)
      emit(answers, answer(JSON.parse(line), handler))
    end
  end
end

KubelessWorker.run if $PROGRAM_NAME == __FILE__
