// Package functions holds the types a Kubeless Go function receives, with the
// names and fields of github.com/kubeless/kubeless/pkg/functions, so functions
// written for the original compile unchanged.
package functions

import (
	"context"
	"net/http"
)

// Extension includes optional fields that some triggers may set.
type Extension struct {
	Request  *http.Request
	Response http.ResponseWriter
	Context  context.Context
}

// Event includes information about the event source.
type Event struct {
	Data           string
	EventID        string
	EventType      string
	EventTime      string
	EventNamespace string
	Extensions     Extension
}

// Context includes information about the function environment.
type Context struct {
	FunctionName string
	Timeout      string
	Runtime      string
	MemoryLimit  string
}
