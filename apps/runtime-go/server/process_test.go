package server_test

// Process-level: the compile phase script builds the examples of examples/go
// (with go.mod dependencies through the Go module proxy), and the binaries
// answer over real HTTP as the runtime contract says.

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var (
	runtimeRoot, _ = filepath.Abs("..")
	examples, _    = filepath.Abs("../../../examples/go")
)

func compile(t *testing.T, handler string, files ...string) string {
	t.Helper()
	volume := t.TempDir()
	for _, file := range files {
		data, err := os.ReadFile(filepath.Join(examples, file))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(volume, filepath.Base(file)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	command := exec.Command("sh", filepath.Join(runtimeRoot, "compile", "kubeless-go-compile.sh"))
	command.Env = append(os.Environ(), "KUBELESS_INSTALL_VOLUME="+volume, "KUBELESS_FUNC_NAME="+handler, "KUBELESS_GO_RUNTIME="+runtimeRoot, "KUBELESS_GO_WORKDIR="+t.TempDir())
	if output, err := command.CombinedOutput(); err != nil {
		t.Fatalf("compile: %v\n%s", err, output)
	}
	return filepath.Join(volume, "server")
}

func freePort(t *testing.T) string {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close()
	return fmt.Sprint(listener.Addr().(*net.TCPAddr).Port)
}

func start(t *testing.T, binary, handler string, env ...string) string {
	t.Helper()
	port := freePort(t)
	command := exec.Command(binary)
	command.Env = append([]string{"FUNC_HANDLER=" + handler, "FUNC_PORT=" + port, "FUNC_HOST=127.0.0.1", "FUNC_RUNTIME=go1.26", "ACCESS_LOG=false"}, env...)
	command.Stderr = os.Stderr
	if err := command.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- command.Wait() }()
	t.Cleanup(func() {
		_ = command.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-exited:
			if err != nil {
				t.Errorf("the server did not exit 0 on SIGTERM: %v", err)
			}
		case <-time.After(5 * time.Second):
			_ = command.Process.Kill()
			t.Error("the server did not stop on SIGTERM")
		}
	})
	base := "http://127.0.0.1:" + port
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if response, err := http.Get(base + "/healthz"); err == nil {
			response.Body.Close()
			return base
		}
	}
	t.Fatal("the server never answered /healthz")
	return ""
}

func call(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	request, _ := http.NewRequest(method, url, strings.NewReader(body))
	request.Header.Set("event-id", "e1")
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		t.Fatal(err)
	}
	defer response.Body.Close()
	data, _ := io.ReadAll(response.Body)
	return response.StatusCode, string(data)
}

func TestCompiledHelloAndEcho(t *testing.T) {
	base := start(t, compile(t, "Foo", "hello.go"), "Foo")
	if status, body := call(t, http.MethodGet, base+"/", ""); status != 200 || body != "Hello world!" {
		t.Fatalf("hello: %d %q", status, body)
	}
	echo := start(t, compile(t, "Echo", "echo.go"), "Echo")
	if status, body := call(t, http.MethodPost, echo+"/", "ping"); status != 200 || body != `{"data":"ping","event-id":"e1","event-namespace":"","function":"Echo"}` {
		t.Fatalf("echo: %d %q", status, body)
	}
	if _, metrics := call(t, http.MethodGet, echo+"/metrics", ""); !strings.Contains(metrics, `function_calls_total{method="POST"} 1`) {
		t.Fatalf("metrics: %s", metrics)
	}
}

func TestCompiledWithDependenciesFromTheProxy(t *testing.T) {
	base := start(t, compile(t, "Slug", "with-deps/slug.go", "with-deps/go.mod"), "Slug")
	if status, body := call(t, http.MethodPost, base+"/", "Hello Kubeless World"); status != 200 || body != "hello-kubeless-world" {
		t.Fatalf("slug: %d %q", status, body)
	}
}

func TestCompiledTimeout(t *testing.T) {
	base := start(t, compile(t, "Wait", "timeout.go"), "Wait", "FUNC_TIMEOUT=1")
	if status, body := call(t, http.MethodGet, base+"/", ""); status != http.StatusRequestTimeout || body != "Request timeout exceeded" {
		t.Fatalf("timeout: %d %q", status, body)
	}
	if status, _ := call(t, http.MethodGet, base+"/healthz", ""); status != 200 {
		t.Fatal("the server stopped answering after a timeout")
	}
}

func TestCompileRefusesAHandlerThatIsNotExported(t *testing.T) {
	volume := t.TempDir()
	data, _ := os.ReadFile(filepath.Join(examples, "hello.go"))
	_ = os.WriteFile(filepath.Join(volume, "hello.go"), data, 0o644)
	command := exec.Command("sh", filepath.Join(runtimeRoot, "compile", "kubeless-go-compile.sh"))
	command.Env = append(os.Environ(), "KUBELESS_INSTALL_VOLUME="+volume, "KUBELESS_FUNC_NAME=foo", "KUBELESS_GO_RUNTIME="+runtimeRoot, "KUBELESS_GO_WORKDIR="+t.TempDir())
	output, err := command.CombinedOutput()
	if err == nil || !strings.Contains(string(output), "KBL_ERR_GO_COMPILE: the handler function \"foo\" must be an exported Go identifier") {
		t.Fatalf("%v %s", err, output)
	}
}

func TestCompileReportsACompileError(t *testing.T) {
	volume := t.TempDir()
	_ = os.WriteFile(filepath.Join(volume, "bad.go"), []byte("package kubeless\n\nfunc Foo() {}\n"), 0o644)
	command := exec.Command("sh", filepath.Join(runtimeRoot, "compile", "kubeless-go-compile.sh"))
	command.Env = append(os.Environ(), "KUBELESS_INSTALL_VOLUME="+volume, "KUBELESS_FUNC_NAME=Foo", "KUBELESS_GO_RUNTIME="+runtimeRoot, "KUBELESS_GO_WORKDIR="+t.TempDir())
	output, err := command.CombinedOutput()
	if err == nil || !strings.Contains(string(output), "cannot use function.Foo") {
		t.Fatalf("%v %s", err, output)
	}
}
