package workers_test

// Process-level: kubeless-worker-host's pool in front of the real Ruby and PHP
// workers (apps/runtime-ruby, apps/runtime-php) and the examples, through the
// Go server, as the runtime images run them. Needs ruby, bundler, php and composer.

import (
	"bytes"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	server "kubeless-ts.io/runtime-go"
	"kubeless-ts.io/runtime-go/workers"
)

type language struct {
	name    string
	command []string
	example string
}

func abs(path string) string {
	out, err := filepath.Abs(path)
	if err != nil {
		panic(err)
	}
	return out
}

var (
	ruby = language{name: "ruby3.1", command: []string{"ruby", abs("../../../runtime-ruby/worker/kubeless_worker.rb")}, example: abs("../../../../examples/ruby")}
	php  = language{name: "php8.2", command: []string{"php", abs("../../../runtime-php/worker/kubeless-worker.php")}, example: abs("../../../../examples/php")}
)

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	if output, err := exec.Command("cp", "-R", from+"/.", to).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, output)
	}
}

type function struct {
	handler http.Handler
	pool    *workers.Pool
}

func deploy(t *testing.T, lang language, volume, module, handler string, env ...string) (function, error) {
	t.Helper()
	environment := append(os.Environ(), "KUBELESS_INSTALL_VOLUME="+volume, "MOD_NAME="+module, "FUNC_HANDLER="+handler)
	environment = append(environment, env...)
	logs := &bytes.Buffer{}
	logger := log.New(logs, "", 0)
	pool := &workers.Pool{Command: lang.command, Env: environment, Size: 2, Logger: logger}
	t.Cleanup(pool.Close)
	if err := pool.Check(); err != nil {
		return function{}, err
	}
	return newFunction(t, pool, handler), nil
}

func newFunction(t *testing.T, pool *workers.Pool, handler string) function {
	t.Helper()
	config, err := server.ReadConfig(func(name string) (string, bool) {
		values := map[string]string{"FUNC_HANDLER": handler, "MOD_NAME": "mod", "FUNC_TIMEOUT": "1"}
		value, ok := values[name]
		return value, ok
	})
	if err != nil {
		t.Fatal(err)
	}
	return function{handler: server.New(config, pool.Handler(), io.Discard, pool.Logger), pool: pool}
}

func (f function) call(method, body string, headers ...string) (int, string, http.Header) {
	request := httptest.NewRequest(method, "/", strings.NewReader(body))
	for i := 0; i+1 < len(headers); i += 2 {
		request.Header.Set(headers[i], headers[i+1])
	}
	recorder := httptest.NewRecorder()
	f.handler.ServeHTTP(recorder, request)
	return recorder.Code, recorder.Body.String(), recorder.Header()
}

func TestLanguages(t *testing.T) {
	cases := []struct {
		lang                         language
		echoModule, echoHandler      string
		timeoutModule, timeoutHandle string
	}{
		{ruby, "echo", "echo", "timeout", "wait"},
		{php, "echo", "echo_event", "timeout", "wait"},
	}
	for _, c := range cases {
		c := c
		t.Run(c.lang.name, func(t *testing.T) {
			volume := t.TempDir()
			copyTree(t, c.lang.example, volume)
			hello, err := deploy(t, c.lang, volume, "hello", "hello")
			if err != nil {
				t.Fatal(err)
			}
			if status, body, _ := hello.call(http.MethodGet, ""); status != 200 || body != "hello world" {
				t.Fatalf("hello: %d %q", status, body)
			}
			echo, err := deploy(t, c.lang, volume, c.echoModule, c.echoHandler)
			if err != nil {
				t.Fatal(err)
			}
			status, body, headers := echo.call(http.MethodPost, `{"a":1}`, "Content-Type", "application/json", "event-id", "e1", "event-namespace", "cli.kubeless.io")
			want := `{"data":{"a":1},"event-id":"e1","event-namespace":"cli.kubeless.io","function":"` + c.echoHandler + `"}`
			if status != 200 || body != want || headers.Get("Content-Type") != "application/json" {
				t.Fatalf("echo: %d %q %v", status, body, headers)
			}
			if status, body, _ := echo.call(http.MethodPost, "plain text"); status != 200 || !strings.Contains(body, `"data":"plain text"`) {
				t.Fatalf("echo text: %d %q", status, body)
			}
			if status, _, _ := echo.call(http.MethodPost, `{broken`, "Content-Type", "application/json"); status != 400 {
				t.Fatalf("malformed JSON: %d", status)
			}
			slow, err := deploy(t, c.lang, volume, c.timeoutModule, c.timeoutHandle)
			if err != nil {
				t.Fatal(err)
			}
			if status, body, _ := slow.call(http.MethodGet, ""); status != 408 || body != server.TimeoutBody {
				t.Fatalf("timeout: %d %q", status, body)
			}
			if _, err := deploy(t, c.lang, volume, "hello", "missing"); err == nil || !strings.Contains(err.Error(), "defines no") {
				t.Fatalf("a missing handler: %v", err)
			}
		})
	}
}

func TestRubyExceptionIs500AndTheWorkerServesOn(t *testing.T) {
	volume := t.TempDir()
	_ = os.WriteFile(filepath.Join(volume, "fail.rb"), []byte("$n = 0\ndef fail(event, context)\n  $n += 1\n  raise 'boom' if $n == 1\n  \"call #{$n}\"\nend\n"), 0o644)
	fn, err := deploy(t, ruby, volume, "fail", "fail")
	if err != nil {
		t.Fatal(err)
	}
	if status, body, _ := fn.call(http.MethodGet, ""); status != 500 || body != "Internal Server Error" {
		t.Fatalf("%d %q", status, body)
	}
	// Module state survives an exception (the same worker answers).
	if status, body, _ := fn.call(http.MethodGet, ""); status != 200 || body != "call 2" {
		t.Fatalf("%d %q", status, body)
	}
}

func TestPHPResponseStatusAndHeaders(t *testing.T) {
	volume := t.TempDir()
	_ = os.WriteFile(filepath.Join(volume, "made.php"), []byte("<?php\nfunction made($event, $context) {\n  echo \"to the log\\n\";\n  $event['extensions']['response']->status = 201;\n  $event['extensions']['response']->headers['x-made'] = 'yes';\n  return 'made';\n}\n"), 0o644)
	fn, err := deploy(t, php, volume, "made", "made")
	if err != nil {
		t.Fatal(err)
	}
	if status, body, headers := fn.call(http.MethodPut, ""); status != 201 || body != "made" || headers.Get("X-Made") != "yes" {
		t.Fatalf("%d %q %v", status, body, headers)
	}
}

func TestDependencyInstallFromVendoredPackages(t *testing.T) {
	t.Run("ruby bundle install (path gem)", func(t *testing.T) {
		volume := t.TempDir()
		copyTree(t, filepath.Join(ruby.example, "with-deps"), volume)
		install := exec.Command("sh", "-c", installCommand(t, "ruby"))
		install.Env = append(os.Environ(), "KUBELESS_INSTALL_VOLUME="+volume, "KUBELESS_DEPS_FILE="+filepath.Join(volume, "Gemfile"), "HOME="+t.TempDir())
		install.Dir = volume
		if output, err := install.CombinedOutput(); err != nil {
			t.Fatalf("install: %v %s", err, output)
		}
		fn, err := deploy(t, ruby, volume, "greet", "greet")
		if err != nil {
			t.Fatal(err)
		}
		if status, body, _ := fn.call(http.MethodPost, "Ruby"); status != 200 || body != "Hello, Ruby!" {
			t.Fatalf("%d %q", status, body)
		}
	})
	t.Run("php composer install (path repository)", func(t *testing.T) {
		volume := t.TempDir()
		copyTree(t, filepath.Join(php.example, "with-deps"), volume)
		install := exec.Command("sh", "-c", installCommand(t, "php"))
		install.Env = append(os.Environ(), "KUBELESS_INSTALL_VOLUME="+volume, "KUBELESS_DEPS_FILE="+filepath.Join(volume, "composer.json"), "HOME="+t.TempDir(), "COMPOSER_HOME="+t.TempDir(), "COMPOSER_ALLOW_SUPERUSER=1")
		install.Dir = volume
		if output, err := install.CombinedOutput(); err != nil {
			t.Fatalf("install: %v %s", err, output)
		}
		fn, err := deploy(t, php, volume, "greet", "greet")
		if err != nil {
			t.Fatal(err)
		}
		if status, body, _ := fn.call(http.MethodPost, "PHP"); status != 200 || body != "Hello, PHP!" {
			t.Fatalf("%d %q", status, body)
		}
	})
}

// installCommand is the catalogue's installation phase command (libs/api default-runtime-catalogue.ts), read from the chart's kubeless-config.
func installCommand(t *testing.T, id string) string {
	t.Helper()
	text, err := os.ReadFile(abs("../../../../deploy/charts/kubeless/charts/function-controller/files/kubeless-config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	marker := `"ID": "` + id + `"`
	start := strings.Index(string(text), marker)
	if start < 0 {
		t.Fatalf("no %s runtime in kubeless-config.yaml", id)
	}
	rest := string(text[start:])
	at := strings.Index(rest, `"command": "`)
	if at < 0 {
		t.Fatalf("no installation command for %s", id)
	}
	rest = rest[at+len(`"command": "`):]
	return strings.ReplaceAll(rest[:strings.Index(rest, "\"\n")], `\"`, `"`)
}
