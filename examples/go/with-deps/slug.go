// Uses a dependency of go.mod, fetched through the Go module proxy when the
// compile init container builds the function:
//
//	kubeless function deploy slug --runtime go1.26 --handler slug.Slug \
//	  --from-file examples/go/with-deps/slug.go --dependencies examples/go/with-deps/go.mod
package kubeless

import (
	"github.com/gosimple/slug"
	"github.com/kubeless/kubeless/pkg/functions"
)

// Slug turns the body into a URL slug.
func Slug(event functions.Event, context functions.Context) (string, error) {
	data := event.Data
	if data == "" {
		data = "kubeless user"
	}
	return slug.Make(data), nil
}
