package build

import (
	"errors"
	"fmt"
	"net"
	"net/http"

	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
)

// Codes are stable: the function controller shows them in the BuildFailed
// condition and docs/build-step.md explains each.
const (
	CodeUsage               = "KBL_BUILD_USAGE"
	CodeDirectory           = "KBL_BUILD_DIRECTORY"
	CodeBaseNotFound        = "KBL_BUILD_BASE_NOT_FOUND"
	CodeUnauthorized        = "KBL_BUILD_UNAUTHORIZED"
	CodeRegistryUnreachable = "KBL_BUILD_REGISTRY_UNREACHABLE"
	CodeRegistry            = "KBL_BUILD_REGISTRY"
)

// Error is a build failure with a stable code, what happened and what to do.
type Error struct {
	Code    string
	Message string
	Hint    string
	Err     error
}

func (e *Error) Error() string {
	text := fmt.Sprintf("%s: %s", e.Code, e.Message)
	if e.Err != nil {
		text += ": " + e.Err.Error()
	}
	if e.Hint != "" {
		text += " (" + e.Hint + ")"
	}
	return text
}

func (e *Error) Unwrap() error { return e.Err }

// registryError turns what go-containerregistry returns into one of the codes:
// a 401/403 is a credential problem, a dial or TLS failure an address problem.
func registryError(action, ref string, err error) *Error {
	var terr *transport.Error
	if errors.As(err, &terr) {
		switch terr.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden:
			return &Error{Code: CodeUnauthorized, Message: fmt.Sprintf("%s %s: the registry refused the credentials", action, ref), Hint: "check the Secret named by builder-image-secret (a docker config with an auth for this registry)", Err: err}
		case http.StatusNotFound:
			return &Error{Code: CodeBaseNotFound, Message: fmt.Sprintf("%s %s: not found", action, ref), Hint: "check the runtime image and builder-registry-mirrors", Err: err}
		}
		return &Error{Code: CodeRegistry, Message: fmt.Sprintf("%s %s", action, ref), Err: err}
	}
	var netErr net.Error
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.As(err, &netErr) {
		return &Error{Code: CodeRegistryUnreachable, Message: fmt.Sprintf("%s %s: the registry cannot be reached", action, ref), Hint: "check function-registry (host:port) and, for plain HTTP or a self-signed certificate, function-registry-tls-verify: \"false\"", Err: err}
	}
	return &Error{Code: CodeRegistry, Message: fmt.Sprintf("%s %s", action, ref), Hint: "for plain HTTP or a self-signed certificate set function-registry-tls-verify: \"false\"", Err: err}
}
