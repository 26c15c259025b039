// The HTTP server a compiled Go function runs in (Kubeless' runtime contract).
module kubeless-ts.io/runtime-go

go 1.21

replace github.com/kubeless/kubeless => ../kubeless

require github.com/kubeless/kubeless v1.0.8
