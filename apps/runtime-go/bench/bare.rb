# A bare WEBrick hello world (Debian's ruby-webrick): the baseline of bench.mjs.
require 'socket'
require 'webrick'
# TCP_NODELAY: WEBrick writes the head and the body separately, and without it every
# keep-alive response waits ~40 ms for a delayed ACK, which would make this an unfair baseline.
nodelay = proc { |socket| socket.setsockopt(Socket::IPPROTO_TCP, Socket::TCP_NODELAY, 1) }
server = WEBrick::HTTPServer.new(BindAddress: '127.0.0.1', Port: Integer(ENV.fetch('PORT')), Logger: WEBrick::Log.new(File::NULL), AccessLog: [], AcceptCallback: nodelay)
server.mount_proc('/') { |_request, response| response.body = 'hello world' }
trap('TERM') { server.shutdown }
server.start
