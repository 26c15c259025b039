// Returns the body and the Kubeless event fields the function saw, as JSON.
//
//	kubeless function deploy echo --runtime go1.26 --handler echo.Echo --from-file examples/go/echo.go
package kubeless

import (
	"encoding/json"

	"github.com/kubeless/kubeless/pkg/functions"
)

// Echo answers with what it received.
func Echo(event functions.Event, context functions.Context) (string, error) {
	out, err := json.Marshal(map[string]string{
		"data":            event.Data,
		"event-id":        event.EventID,
		"event-namespace": event.EventNamespace,
		"function":        context.FunctionName,
	})
	return string(out), err
}
