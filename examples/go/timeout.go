// With --timeout 2 a call gets 408 "Request timeout exceeded"; the function's
// context is cancelled then, which a well-behaved function heeds.
//
//	kubeless function deploy wait --runtime go1.26 --handler timeout.Wait --from-file examples/go/timeout.go --timeout 2
package kubeless

import (
	"time"

	"github.com/kubeless/kubeless/pkg/functions"
)

// Wait outlives any reasonable timeout unless its context is cancelled.
func Wait(event functions.Event, context functions.Context) (string, error) {
	select {
	case <-time.After(60 * time.Second):
		return "too late", nil
	case <-event.Extensions.Context.Done():
		return "", event.Extensions.Context.Err()
	}
}
