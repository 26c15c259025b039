// The smallest Go function, as written for the original Kubeless (runtime go1.14):
//
//	kubeless function deploy hello --runtime go1.26 --handler hello.Foo --from-file examples/go/hello.go
package kubeless

import (
	"github.com/kubeless/kubeless/pkg/functions"
)

// Foo sample function
func Foo(event functions.Event, context functions.Context) (string, error) {
	return "Hello world!", nil
}
