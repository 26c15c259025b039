// Built once in the compiler image so the standard library and the runtime's
// server are in its build cache; never deployed.
package kubeless

import "github.com/kubeless/kubeless/pkg/functions"

// Foo is a placeholder handler.
func Foo(event functions.Event, context functions.Context) (string, error) { return "", nil }
