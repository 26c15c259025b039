package server

import (
	"bytes"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kubeless/kubeless/pkg/functions"
)

func testConfig(t *testing.T, env map[string]string) Config {
	t.Helper()
	config, err := ReadConfig(func(name string) (string, bool) { value, ok := env[name]; return value, ok })
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	return config
}

type harness struct {
	handler http.Handler
	access  *bytes.Buffer
	logs    *bytes.Buffer
}

func newHarness(t *testing.T, env map[string]string, fn Handler) harness {
	base := map[string]string{"FUNC_HANDLER": "foo", "MOD_NAME": "handler", "FUNC_TIMEOUT": "1", "FUNC_RUNTIME": "go1.26", "FUNC_MEMORY_LIMIT": "128Mi"}
	for key, value := range env {
		base[key] = value
	}
	access, logs := &bytes.Buffer{}, &bytes.Buffer{}
	return harness{handler: New(testConfig(t, base), fn, access, log.New(logs, "", 0)), access: access, logs: logs}
}

func (h harness) do(method, target string, body string, headers map[string]string) *httptest.ResponseRecorder {
	request := httptest.NewRequest(method, target, strings.NewReader(body))
	for name, value := range headers {
		request.Header.Set(name, value)
	}
	recorder := httptest.NewRecorder()
	h.handler.ServeHTTP(recorder, request)
	return recorder
}

func TestEventAndContextFields(t *testing.T) {
	var got functions.Event
	var gotContext functions.Context
	h := newHarness(t, nil, func(event functions.Event, context functions.Context) (string, error) {
		got, gotContext = event, context
		return "hello " + event.Data, nil
	})
	response := h.do(http.MethodPost, "/any/path?x=1", `{"a":1}`, map[string]string{"event-id": "id1", "event-type": "application/json", "event-time": "2026-01-01T00:00:00Z", "event-namespace": "cli.kubeless.io"})
	if response.Code != http.StatusOK || response.Body.String() != `hello {"a":1}` {
		t.Fatalf("got %d %q", response.Code, response.Body.String())
	}
	if got.EventID != "id1" || got.EventType != "application/json" || got.EventTime != "2026-01-01T00:00:00Z" || got.EventNamespace != "cli.kubeless.io" {
		t.Fatalf("event fields: %+v", got)
	}
	if got.Extensions.Request == nil || got.Extensions.Request.URL.Path != "/any/path" || got.Extensions.Response == nil || got.Extensions.Context == nil {
		t.Fatalf("extensions: %+v", got.Extensions)
	}
	if _, ok := got.Extensions.Context.Deadline(); !ok {
		t.Fatal("the function's context has no deadline")
	}
	want := functions.Context{FunctionName: "foo", Timeout: "1", Runtime: "go1.26", MemoryLimit: "128Mi"}
	if gotContext != want {
		t.Fatalf("context %+v, want %+v", gotContext, want)
	}
	if response.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Fatal("no CORS header")
	}
}

func TestCloudEventsHeadersFillEmptyFields(t *testing.T) {
	var got functions.Event
	h := newHarness(t, nil, func(event functions.Event, _ functions.Context) (string, error) { got = event; return "", nil })
	h.do(http.MethodPost, "/", "", map[string]string{"ce-id": "c1", "ce-type": "t", "ce-time": "now", "ce-source": "src"})
	if got.EventID != "c1" || got.EventType != "t" || got.EventTime != "now" || got.EventNamespace != "src" {
		t.Fatalf("event %+v", got)
	}
}

func TestHealthzAndMetrics(t *testing.T) {
	h := newHarness(t, nil, func(functions.Event, functions.Context) (string, error) { return "ok", nil })
	if response := h.do(http.MethodGet, "/healthz", "", nil); response.Code != 200 || response.Body.String() != "OK" {
		t.Fatalf("healthz %d %q", response.Code, response.Body.String())
	}
	h.do(http.MethodGet, "/", "", nil)
	h.do(http.MethodPost, "/", "", nil)
	metrics := h.do(http.MethodGet, "/metrics", "", nil)
	text := metrics.Body.String()
	for _, want := range []string{
		`function_calls_total{method="GET"} 1`,
		`function_calls_total{method="POST"} 1`,
		"# TYPE function_failures_total counter",
		`function_duration_seconds_bucket{le="+Inf",method="GET"} 1`,
		`function_duration_seconds_bucket{le="+Inf",method="POST"} 1`,
		`function_duration_seconds_count{method="GET"} 1`,
		"# HELP function_duration_seconds Duration of user function in seconds",
	} {
		if !strings.Contains(text, want) {
			t.Fatalf("metrics lack %q:\n%s", want, text)
		}
	}
	if !strings.HasPrefix(metrics.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("content type %q", metrics.Header().Get("Content-Type"))
	}
	// The exact counter line: the duration sum of GET may well start with a 2.
	if strings.Contains(text, "function_calls_total{method=\"GET\"} 2") {
		t.Fatal("healthz or metrics were counted as calls")
	}
}

func TestErrorIs500AndCounted(t *testing.T) {
	h := newHarness(t, nil, func(functions.Event, functions.Context) (string, error) { return "", errors.New("boom") })
	response := h.do(http.MethodPost, "/", "", nil)
	if response.Code != 500 || response.Body.String() != "Error: boom" {
		t.Fatalf("got %d %q", response.Code, response.Body.String())
	}
	if !strings.Contains(h.do(http.MethodGet, "/metrics", "", nil).Body.String(), `function_failures_total{method="POST"} 1`) {
		t.Fatal("failure not counted")
	}
}

func TestPanicIs500AndTheServerGoesOn(t *testing.T) {
	calls := 0
	h := newHarness(t, nil, func(functions.Event, functions.Context) (string, error) {
		calls++
		if calls == 1 {
			var m map[string]int
			m["x"] = 1
		}
		return "fine", nil
	})
	if response := h.do(http.MethodGet, "/", "", nil); response.Code != 500 || response.Body.String() != "Internal Server Error" {
		t.Fatalf("got %d %q", response.Code, response.Body.String())
	}
	if !strings.Contains(h.logs.String(), "panicked") {
		t.Fatalf("panic not logged: %s", h.logs.String())
	}
	if response := h.do(http.MethodGet, "/", "", nil); response.Code != 200 || response.Body.String() != "fine" {
		t.Fatalf("after panic: %d %q", response.Code, response.Body.String())
	}
}

func TestTimeoutIs408AndLateWritesAreDropped(t *testing.T) {
	release := make(chan struct{})
	finished := make(chan struct{})
	var lateErr error
	h := newHarness(t, map[string]string{"FUNC_TIMEOUT": "0.2"}, func(event functions.Event, _ functions.Context) (string, error) {
		<-event.Extensions.Context.Done()
		<-release
		_, lateErr = event.Extensions.Response.Write([]byte("late"))
		close(finished)
		return "too late", nil
	})
	response := h.do(http.MethodGet, "/", "", nil)
	close(release)
	<-finished
	if response.Code != http.StatusRequestTimeout || response.Body.String() != TimeoutBody {
		t.Fatalf("got %d %q", response.Code, response.Body.String())
	}
	if lateErr == nil {
		t.Fatal("a write after the timeout was not refused")
	}
	if !strings.Contains(h.do(http.MethodGet, "/metrics", "", nil).Body.String(), `function_failures_total{method="GET"} 1`) {
		t.Fatal("timeout not counted as a failure")
	}
}

func TestFunctionMayAnswerThroughTheResponse(t *testing.T) {
	h := newHarness(t, nil, func(event functions.Event, _ functions.Context) (string, error) {
		event.Extensions.Response.Header().Set("X-Custom", "1")
		event.Extensions.Response.WriteHeader(http.StatusCreated)
		_, _ = event.Extensions.Response.Write([]byte("made"))
		return "ignored", nil
	})
	response := h.do(http.MethodPut, "/", "", nil)
	if response.Code != http.StatusCreated || response.Body.String() != "made" || response.Header().Get("X-Custom") != "1" {
		t.Fatalf("got %d %q %v", response.Code, response.Body.String(), response.Header())
	}
}

func TestBodyLimitIs413(t *testing.T) {
	h := newHarness(t, map[string]string{"REQ_MB_LIMIT": "0.001"}, func(event functions.Event, _ functions.Context) (string, error) { return "", nil })
	if response := h.do(http.MethodPost, "/", strings.Repeat("x", 2000), nil); response.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("got %d", response.Code)
	}
	if response := h.do(http.MethodPost, "/", strings.Repeat("x", 1000), nil); response.Code != http.StatusOK {
		t.Fatalf("a body under the limit got %d", response.Code)
	}
}

func TestPreflight(t *testing.T) {
	h := newHarness(t, nil, func(functions.Event, functions.Context) (string, error) {
		t.Fatal("preflight reached the function")
		return "", nil
	})
	response := h.do(http.MethodOptions, "/", "", map[string]string{"Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "x-a"})
	if response.Code != http.StatusNoContent || response.Header().Get("Access-Control-Allow-Methods") != "PUT" || response.Header().Get("Access-Control-Allow-Headers") != "x-a" {
		t.Fatalf("got %d %v", response.Code, response.Header())
	}
}

func TestConcurrentCalls(t *testing.T) {
	gate := make(chan struct{})
	h := newHarness(t, nil, func(functions.Event, functions.Context) (string, error) { <-gate; return "x", nil })
	var wg sync.WaitGroup
	codes := make([]int, 5)
	for i := range codes {
		wg.Add(1)
		go func(i int) { defer wg.Done(); codes[i] = h.do(http.MethodGet, "/", "", nil).Code }(i)
	}
	time.Sleep(50 * time.Millisecond)
	close(gate)
	wg.Wait()
	for _, code := range codes {
		if code != 200 {
			t.Fatalf("codes %v", codes)
		}
	}
}

func TestAccessLog(t *testing.T) {
	h := newHarness(t, nil, func(functions.Event, functions.Context) (string, error) { return "", nil })
	h.do(http.MethodDelete, "/p", "", nil)
	line, _ := io.ReadAll(h.access)
	if !strings.Contains(string(line), `"method":"DELETE"`) || !strings.Contains(string(line), `"path":"/p"`) || !strings.Contains(string(line), `"status":200`) {
		t.Fatalf("access log %q", line)
	}
}

func TestConfigErrors(t *testing.T) {
	for name, value := range map[string]string{"FUNC_TIMEOUT": "soon", "REQ_MB_LIMIT": "-1", "FUNC_PORT": "http", "ACCESS_LOG": "yes", "SHUTDOWN_TIMEOUT": "0"} {
		_, err := ReadConfig(func(key string) (string, bool) {
			if key == name {
				return value, true
			}
			return "", false
		})
		var configErr *ConfigError
		if !errors.As(err, &configErr) || configErr.Variable != name || !strings.HasPrefix(err.Error(), "KBL_ERR_RUNTIME_CONFIG: "+name) {
			t.Fatalf("%s=%s: %v", name, value, err)
		}
	}
	config, err := ReadConfig(func(string) (string, bool) { return "", false })
	if err != nil || config.Timeout != 180*time.Second || config.Port != "8080" || config.BodyLimit != 1024*1024 || config.MemoryLimit != "0" {
		t.Fatalf("defaults %+v %v", config, err)
	}
}
