package workers_test

// The pool's own rules, with a worker written in sh (no language runtime needed):
// it loads or reports why not, a worker that dies mid-call answers 503 and is
// replaced, calls beyond FUNC_WORKERS wait for a free worker.

import (
	"bytes"
	"errors"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kubeless-ts.io/runtime-go/workers"
)

// A worker in sh: greets, then answers every call with "ok" (body base64 b2s=), or exits when the body is "die" (ZGll).
const shWorker = `
[ -n "$FAIL_LOAD" ] && { printf '{"error":"cannot load: %s"}\n' "$FAIL_LOAD" >&4; exit 1; }
printf '{"ready":true}\n' >&4
while read -r line <&3; do
  case $line in
    *'"body":"ZGll"'*) exit 3 ;;
    *'"body":"c2xvdw=="'*) sleep 0.3 ;;
  esac
  printf '{"status":200,"headers":{"x-worker":"%s"},"body":"b2s="}\n' "$$" >&4
done
`

func shPool(t *testing.T, size int, env ...string) (*workers.Pool, *bytes.Buffer) {
	t.Helper()
	script := filepath.Join(t.TempDir(), "worker.sh")
	if err := os.WriteFile(script, []byte(shWorker), 0o644); err != nil {
		t.Fatal(err)
	}
	logs := &bytes.Buffer{}
	pool := &workers.Pool{Command: []string{"sh", script}, Env: append(os.Environ(), env...), Size: size, Logger: log.New(logs, "", 0)}
	t.Cleanup(pool.Close)
	return pool, logs
}

func TestPoolReportsWhyAFunctionDoesNotLoad(t *testing.T) {
	pool, _ := shPool(t, 1, "FAIL_LOAD=no handler")
	err := pool.Check()
	var startErr *workers.StartError
	if !errors.As(err, &startErr) || err.Error() != "KBL_ERR_FUNCTION_LOAD: cannot load: no handler" {
		t.Fatalf("%v", err)
	}
}

func TestPoolReplacesAWorkerThatDied(t *testing.T) {
	pool, logs := shPool(t, 1)
	if err := pool.Check(); err != nil {
		t.Fatal(err)
	}
	fn := serve(t, pool)
	status, _, before := fn.call(http.MethodPost, "x")
	if status != 200 {
		t.Fatalf("first call: %d", status)
	}
	if status, body, _ := fn.call(http.MethodPost, "die"); status != http.StatusServiceUnavailable || body != "The function's worker died" {
		t.Fatalf("dying call: %d %q", status, body)
	}
	if !strings.Contains(logs.String(), "KBL_ERR_WORKER_DIED") {
		t.Fatalf("log: %s", logs.String())
	}
	status, _, after := fn.call(http.MethodPost, "x")
	if status != 200 || after.Get("X-Worker") == before.Get("X-Worker") {
		t.Fatalf("after: %d, worker %s then %s", status, before.Get("X-Worker"), after.Get("X-Worker"))
	}
}

func TestPoolRunsAtMostSizeWorkers(t *testing.T) {
	pool, _ := shPool(t, 2)
	if err := pool.Check(); err != nil {
		t.Fatal(err)
	}
	fn := serve(t, pool)
	workersSeen := map[string]bool{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	started := time.Now()
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, _, headers := fn.call(http.MethodPost, "slow")
			mu.Lock()
			defer mu.Unlock()
			if status == 200 {
				workersSeen[headers.Get("X-Worker")] = true
			}
		}()
	}
	wg.Wait()
	if len(workersSeen) != 2 {
		t.Fatalf("workers used: %v", workersSeen)
	}
	// Four 0.3 s calls on two workers take two rounds.
	if elapsed := time.Since(started); elapsed < 550*time.Millisecond {
		t.Fatalf("4 calls on 2 workers took %v: more than 2 ran at once", elapsed)
	}
}

func serve(t *testing.T, pool *workers.Pool) function {
	t.Helper()
	return newFunction(t, pool, "fn")
}
