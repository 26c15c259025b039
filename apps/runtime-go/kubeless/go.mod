// The import path Kubeless' Go functions use, github.com/kubeless/kubeless/pkg/functions,
// served by the runtime itself: the Go module proxy has no github.com/kubeless/kubeless,
// and a function's build replaces it with this directory (see compile/kubeless-go-compile.sh).
// Only the functions package is here, with the types of Kubeless v1.0.8, unchanged.
module github.com/kubeless/kubeless

go 1.21
