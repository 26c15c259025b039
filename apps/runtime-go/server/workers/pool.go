// Package workers runs a Kubeless function written in another language (Ruby,
// PHP) in worker processes behind the Go server, which keeps the HTTP contract
// (routes, body limit, metrics, 408, CORS, access log) in one tested place.
//
// Each worker loads the function once and serves one call at a time over a
// private pipe pair (fd 3: calls in, fd 4: answers out, one JSON object per
// line), so whatever the function prints goes to the pod log untouched. Calls
// run concurrently on up to FUNC_WORKERS workers, started on demand. A call
// past FUNC_TIMEOUT kills its worker (the function really stops, unlike a
// goroutine or a Ruby thread); the next call starts a fresh one.
package workers

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/kubeless/kubeless/pkg/functions"
	server "kubeless-ts.io/runtime-go"
)

// Call is what a worker receives: the event, its request and the context, with the body in base64.
type Call struct {
	Body     []byte            `json:"body"`
	Event    map[string]string `json:"event"`
	Request  Request           `json:"request"`
	Context  map[string]string `json:"context"`
	JSONBody bool              `json:"json"`
}

// Request is the part of the HTTP request a function may read.
type Request struct {
	Method      string            `json:"method"`
	URL         string            `json:"url"`
	Path        string            `json:"path"`
	QueryString string            `json:"query_string"`
	Headers     map[string]string `json:"headers"`
	RemoteAddr  string            `json:"remote_addr"`
}

// Answer is what a worker sends back; Error set means the function raised.
type Answer struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    []byte            `json:"body"`
	Error   string            `json:"error"`
}

type hello struct {
	Ready bool   `json:"ready"`
	Error string `json:"error"`
}

type worker struct {
	cmd     *exec.Cmd
	calls   io.WriteCloser
	answers *bufio.Reader
	exited  chan struct{}
}

// Pool starts workers with Command and hands each call to an idle one.
type Pool struct {
	Command []string
	Env     []string
	Size    int
	Logger  *log.Logger

	mu    sync.Mutex
	idle  []*worker
	slots chan struct{}
	once  sync.Once
}

// StartError says why a worker did not come up (a module that does not load, a missing handler).
type StartError struct{ Reason string }

func (e *StartError) Error() string { return "KBL_ERR_FUNCTION_LOAD: " + e.Reason }

func (p *Pool) init() {
	p.once.Do(func() {
		size := p.Size
		if size < 1 {
			size = 1
		}
		p.slots = make(chan struct{}, size)
	})
}

func (p *Pool) start() (*worker, error) {
	callsRead, callsWrite, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	answersRead, answersWrite, err := os.Pipe()
	if err != nil {
		callsRead.Close()
		callsWrite.Close()
		return nil, err
	}
	cmd := exec.Command(p.Command[0], p.Command[1:]...)
	cmd.Env = p.Env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.ExtraFiles = []*os.File{callsRead, answersWrite}
	if err := cmd.Start(); err != nil {
		callsRead.Close()
		callsWrite.Close()
		answersRead.Close()
		answersWrite.Close()
		return nil, &StartError{Reason: fmt.Sprintf("cannot start %s: %v", p.Command[0], err)}
	}
	callsRead.Close()
	answersWrite.Close()
	w := &worker{cmd: cmd, calls: callsWrite, answers: bufio.NewReaderSize(answersRead, 64*1024), exited: make(chan struct{})}
	greeted := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		// A worker that fails to load writes its reason and exits at once: closing the pipe before the
		// greeting is read would lose that reason ("file already closed"). The bound covers a greeting that
		// never comes because a grandchild still holds the pipe open.
		select {
		case <-greeted:
		case <-time.After(2 * time.Second):
		}
		answersRead.Close()
		close(w.exited)
	}()
	line, err := w.answers.ReadBytes('\n')
	close(greeted)
	var greeting hello
	if err != nil || json.Unmarshal(line, &greeting) != nil || !greeting.Ready {
		w.kill()
		reason := greeting.Error
		if reason == "" {
			reason = fmt.Sprintf("the worker exited before it was ready (%v)", err)
		}
		return nil, &StartError{Reason: reason}
	}
	return w, nil
}

func (w *worker) kill() {
	_ = w.cmd.Process.Kill()
	w.calls.Close()
	<-w.exited
}

// Check starts one worker and keeps it: the function loads, or the reason it does not.
func (p *Pool) Check() error {
	p.init()
	p.slots <- struct{}{}
	w, err := p.start()
	if err != nil {
		<-p.slots
		return err
	}
	p.release(w)
	return nil
}

func (p *Pool) acquire(ctx context.Context) (*worker, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		w := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return w, nil
	}
	p.mu.Unlock()
	w, err := p.start()
	if err != nil {
		<-p.slots
		return nil, err
	}
	return w, nil
}

func (p *Pool) release(w *worker) {
	p.mu.Lock()
	p.idle = append(p.idle, w)
	p.mu.Unlock()
	select {
	case <-p.slots:
	default:
	}
}

func (p *Pool) discard(w *worker) {
	w.kill()
	<-p.slots
}

// Close kills the idle workers (at shutdown, after the server finished its calls).
func (p *Pool) Close() {
	p.mu.Lock()
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	for _, w := range idle {
		w.kill()
	}
}

// Handler adapts the pool to the Go server: it forwards the call and writes the worker's answer.
func (p *Pool) Handler() server.Handler {
	p.init()
	return func(event functions.Event, fnContext functions.Context) (string, error) {
		ctx := event.Extensions.Context
		r := event.Extensions.Request
		call := Call{
			Body:     []byte(event.Data),
			Event:    map[string]string{"event-id": event.EventID, "event-type": event.EventType, "event-time": event.EventTime, "event-namespace": event.EventNamespace},
			Request:  request(r),
			Context:  map[string]string{"function-name": fnContext.FunctionName, "timeout": fnContext.Timeout, "runtime": fnContext.Runtime, "memory-limit": fnContext.MemoryLimit},
			JSONBody: isJSON(r.Header.Get("Content-Type")),
		}
		answer, err := p.call(ctx, call)
		if err != nil {
			return "", err
		}
		if answer.Error != "" {
			return "", &server.Answered{Status: http.StatusInternalServerError, Body: "Internal Server Error", Cause: errors.New(answer.Error)}
		}
		response := event.Extensions.Response
		for name, value := range answer.Headers {
			response.Header().Set(name, value)
		}
		status := answer.Status
		if status == 0 {
			status = http.StatusOK
		}
		response.WriteHeader(status)
		_, _ = response.Write(answer.Body)
		return "", nil
	}
}

func (p *Pool) call(ctx context.Context, call Call) (Answer, error) {
	w, err := p.acquire(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return Answer{}, ctx.Err()
		}
		p.Logger.Printf("%v", err)
		return Answer{}, &server.Answered{Status: http.StatusServiceUnavailable, Body: "The function's worker could not start", Cause: err}
	}
	line, err := json.Marshal(call)
	if err != nil {
		p.release(w)
		return Answer{}, err
	}
	type result struct {
		answer Answer
		err    error
	}
	done := make(chan result, 1)
	go func() {
		if _, err := w.calls.Write(append(line, '\n')); err != nil {
			done <- result{err: err}
			return
		}
		text, err := w.answers.ReadBytes('\n')
		if err != nil {
			done <- result{err: err}
			return
		}
		var answer Answer
		done <- result{answer: answer, err: json.Unmarshal(text, &answer)}
	}()
	select {
	case outcome := <-done:
		if outcome.err != nil {
			p.discard(w)
			p.Logger.Printf("KBL_ERR_WORKER_DIED: the function's worker died during a call: %v", outcome.err)
			return Answer{}, &server.Answered{Status: http.StatusServiceUnavailable, Body: "The function's worker died", Cause: outcome.err}
		}
		p.release(w)
		return outcome.answer, nil
	case <-ctx.Done():
		// The call outlived FUNC_TIMEOUT (or its client left): the worker is killed, which stops the function.
		p.discard(w)
		return Answer{}, ctx.Err()
	}
}

func request(r *http.Request) Request {
	headers := make(map[string]string, len(r.Header))
	for name, values := range r.Header {
		headers[strings.ToLower(name)] = strings.Join(values, ", ")
	}
	return Request{Method: r.Method, URL: r.URL.String(), Path: r.URL.Path, QueryString: r.URL.RawQuery, Headers: headers, RemoteAddr: r.RemoteAddr}
}

func isJSON(contentType string) bool {
	media := strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
	return media == "application/json" || strings.HasSuffix(media, "+json")
}
