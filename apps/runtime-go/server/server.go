// Package server runs one Kubeless Go function over HTTP with the Kubeless
// runtime contract: every method and path but GET /healthz and GET /metrics
// calls the function; 408 "Request timeout exceeded" after FUNC_TIMEOUT; 500
// when it returns an error or panics; 413 beyond REQ_MB_LIMIT; CORS as the
// Node.js runtime; the three function metrics labelled by method.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/kubeless/kubeless/pkg/functions"
)

// Handler is the signature of a Kubeless Go function.
type Handler func(event functions.Event, context functions.Context) (string, error)

// Answered is an error a Handler returns when the failure already has its
// answer (an exception in a worker process is 500 "Internal Server Error", a
// dead worker 503); it counts as a failure. Cause is logged by whoever made it.
type Answered struct {
	Status int
	Body   string
	Cause  error
}

func (a *Answered) Error() string { return fmt.Sprintf("%d %s: %v", a.Status, a.Body, a.Cause) }

func (a *Answered) Unwrap() error { return a.Cause }

// TimeoutBody is the 408 body of every kubeless-ts runtime.
const TimeoutBody = "Request timeout exceeded"

type server struct {
	config  Config
	handler Handler
	metrics *metrics
	logger  *log.Logger
	access  io.Writer
	accessM sync.Mutex
}

// New returns the function's HTTP handler; access lines go to access (nil: none), errors to logger.
func New(config Config, handler Handler, access io.Writer, logger *log.Logger) http.Handler {
	return &server{config: config, handler: handler, metrics: newMetrics(), logger: logger, access: access}
}

// guardedWriter is the Response a function sees: once the runtime answered (a
// timeout), whatever the still-running function writes is dropped instead of
// racing the runtime's own response.
type guardedWriter struct {
	mu      sync.Mutex
	target  http.ResponseWriter
	closed  bool
	written bool
	status  int
}

func (w *guardedWriter) Header() http.Header { return w.target.Header() }

func (w *guardedWriter) WriteHeader(status int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed || w.written {
		return
	}
	w.written = true
	w.status = status
	w.target.WriteHeader(status)
}

func (w *guardedWriter) Write(body []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return 0, http.ErrHandlerTimeout
	}
	if !w.written {
		w.written = true
		w.status = http.StatusOK
	}
	return w.target.Write(body)
}

// claim returns true when the runtime may still write the response (the function has not).
func (w *guardedWriter) claim() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed || w.written {
		return false
	}
	w.closed = true
	return true
}

type outcome struct {
	body  string
	err   error
	panic any
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	status := s.serve(w, r)
	s.logAccess(r, status, time.Since(start))
}

func (s *server) serve(w http.ResponseWriter, r *http.Request) int {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	if r.Method == http.MethodGet && r.URL.Path == "/healthz" {
		return plain(w, http.StatusOK, "OK")
	}
	if r.Method == http.MethodGet && r.URL.Path == "/metrics" {
		w.Header().Set("Content-Type", metricsContentType)
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, s.metrics.render())
		return http.StatusOK
	}
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		w.Header().Set("Access-Control-Allow-Methods", r.Header.Get("Access-Control-Request-Method"))
		if headers := r.Header.Get("Access-Control-Request-Headers"); headers != "" {
			w.Header().Set("Access-Control-Allow-Headers", headers)
		}
		w.WriteHeader(http.StatusNoContent)
		return http.StatusNoContent
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.config.BodyLimit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return plain(w, http.StatusRequestEntityTooLarge, "Request body is too large")
		}
		return plain(w, http.StatusBadRequest, fmt.Sprintf("Malformed request: %v", err))
	}
	return s.call(w, r, body)
}

func (s *server) call(w http.ResponseWriter, r *http.Request, body []byte) int {
	ctx, cancel := context.WithTimeout(r.Context(), s.config.Timeout)
	defer cancel()
	guarded := &guardedWriter{target: w}
	event := functions.Event{
		Data:           string(body),
		EventID:        header(r, "event-id", "ce-id"),
		EventType:      header(r, "event-type", "ce-type"),
		EventTime:      header(r, "event-time", "ce-time"),
		EventNamespace: header(r, "event-namespace", "ce-source"),
		Extensions:     functions.Extension{Request: r.WithContext(ctx), Response: guarded, Context: ctx},
	}
	fnContext := functions.Context{FunctionName: s.config.Handler, Timeout: s.config.TimeoutText, Runtime: s.config.Runtime, MemoryLimit: s.config.MemoryLimit}
	done := make(chan outcome, 1)
	start := time.Now()
	go func() {
		defer func() {
			if recovered := recover(); recovered != nil {
				s.logger.Printf("function %s panicked: %v\n%s", s.config.Handler, recovered, debug.Stack())
				done <- outcome{panic: recovered}
			}
		}()
		result, err := s.handler(event, fnContext)
		done <- outcome{body: result, err: err}
	}()
	select {
	case result := <-done:
		// A handler that gave up because its context ended is a timeout, whichever channel was seen first.
		if result.err == nil || ctx.Err() == nil || !errors.Is(result.err, ctx.Err()) {
			failed := result.err != nil || result.panic != nil
			s.metrics.observe(r.Method, time.Since(start).Seconds(), failed)
			return s.respond(guarded, result)
		}
	case <-ctx.Done():
	}
	return s.expired(w, r, guarded, start)
}

func (s *server) expired(w http.ResponseWriter, r *http.Request, guarded *guardedWriter, start time.Time) int {
	s.metrics.observe(r.Method, time.Since(start).Seconds(), true)
	if r.Context().Err() != nil {
		// The client went away; nobody reads an answer.
		guarded.claim()
		return 499
	}
	// A goroutine cannot be stopped: the function's context is cancelled and
	// anything it still writes is dropped; the server keeps serving.
	s.logger.Printf("function %s exceeded its timeout of %ss", s.config.Handler, s.config.TimeoutText)
	if guarded.claim() {
		return plain(w, http.StatusRequestTimeout, TimeoutBody)
	}
	return guarded.status
}

func (s *server) respond(w *guardedWriter, result outcome) int {
	if !w.claim() {
		// The function answered through Extensions.Response itself.
		return w.status
	}
	switch {
	case result.panic != nil:
		return plain(w.target, http.StatusInternalServerError, "Internal Server Error")
	case result.err != nil:
		var answered *Answered
		if errors.As(result.err, &answered) {
			return plain(w.target, answered.Status, answered.Body)
		}
		s.logger.Printf("function %s returned an error: %v", s.config.Handler, result.err)
		return plain(w.target, http.StatusInternalServerError, "Error: "+result.err.Error())
	default:
		w.target.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w.target, result.body)
		return http.StatusOK
	}
}

// header reads a Kubeless event header, or its CloudEvents counterpart when absent.
func header(r *http.Request, name, cloudEvent string) string {
	if value := r.Header.Get(name); value != "" {
		return value
	}
	return r.Header.Get(cloudEvent)
}

func plain(w http.ResponseWriter, status int, text string) int {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text)
	return status
}

func (s *server) logAccess(r *http.Request, status int, took time.Duration) {
	if s.access == nil {
		return
	}
	line, _ := json.Marshal(map[string]any{
		"time":     time.Now().UTC().Format(time.RFC3339Nano),
		"method":   r.Method,
		"path":     r.URL.Path,
		"status":   status,
		"duration": took.Seconds(),
	})
	s.accessM.Lock()
	defer s.accessM.Unlock()
	_, _ = s.access.Write(append(line, '\n'))
}

// Main runs the function's server until SIGTERM or SIGINT; the generated main of a function calls it.
func Main(handler Handler) {
	config, err := EnvConfig()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Exit(Run(config, handler))
}

// Run serves until SIGTERM or SIGINT and returns the exit code (for hosts that set up more than a Handler).
func Run(config Config, handler Handler) int { return serve(config, handler) }

// shutdownMessage is what Main prints when in-flight calls outlived SHUTDOWN_TIMEOUT.
func shutdownMessage(err error) string {
	return strings.TrimSpace(fmt.Sprintf("calls still running at shutdown: %v", err))
}
