# A bare WEBrick hello world (Debian's ruby-webrick): the baseline of bench.mjs.
require 'webrick'
server = WEBrick::HTTPServer.new(BindAddress: '127.0.0.1', Port: Integer(ENV.fetch('PORT')), Logger: WEBrick::Log.new(File::NULL), AccessLog: [])
server.mount_proc('/') { |_request, response| response.body = 'hello world' }
trap('TERM') { server.shutdown }
server.start
