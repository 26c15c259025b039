package workers_test

// Process-level, Java: build the runtime's jars and local Maven repository as
// the compiler image does (apps/runtime-java/maven/build-runtime.sh), compile
// the examples with the compile phase script (the with-deps pom.xml through
// Maven Central, in the original's shape with the io.kubeless parent), and
// call them through the pool and the Go server. Needs javac, jar, java, mvn.

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	server "kubeless-ts.io/runtime-go"
)

func javaRuntime(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	build := exec.Command("sh", abs("../../../runtime-java/maven/build-runtime.sh"), root, abs("../../../runtime-java"))
	if output, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build-runtime: %v\n%s", err, output)
	}
	return root
}

func javaCompile(t *testing.T, root, volume string) ([]byte, error) {
	command := exec.Command("sh", abs("../../../runtime-java/compile/kubeless-java-compile.sh"))
	command.Env = append(os.Environ(), "KUBELESS_INSTALL_VOLUME="+volume, "KUBELESS_JAVA_RUNTIME="+root, "TMPDIR="+t.TempDir())
	return command.CombinedOutput()
}

func TestJava(t *testing.T) {
	root := javaRuntime(t)
	java := language{name: "java17", command: []string{"java", "-cp", filepath.Join(root, "kubeless-worker.jar") + ":" + filepath.Join(root, "kubeless-params.jar"), "io.kubeless.worker.Worker"}}

	volume := t.TempDir()
	copyTree(t, abs("../../../../examples/java"), volume)
	_ = os.RemoveAll(filepath.Join(volume, "with-deps"))
	_ = os.WriteFile(filepath.Join(volume, "Fail.java"), []byte("package io.kubeless;\npublic class Fail {\n  public String fail(Event e, Context c) { throw new IllegalStateException(\"boom\"); }\n}\n"), 0o644)
	if output, err := javaCompile(t, root, volume); err != nil {
		t.Fatalf("compile: %v\n%s", err, output)
	}
	hello, err := deploy(t, java, volume, "Foo", "foo")
	if err != nil {
		t.Fatal(err)
	}
	if status, body, _ := hello.call(http.MethodGet, ""); status != 200 || body != "Hello world!" {
		t.Fatalf("hello: %d %q", status, body)
	}
	echo, err := deploy(t, java, volume, "Echo", "echo")
	if err != nil {
		t.Fatal(err)
	}
	if status, body, _ := echo.call(http.MethodPost, "ping", "event-id", "e1"); status != 200 || body != "data=ping event-id=e1 function=echo" {
		t.Fatalf("echo: %d %q", status, body)
	}
	failing, err := deploy(t, java, volume, "Fail", "fail")
	if err != nil {
		t.Fatal(err)
	}
	if status, body, _ := failing.call(http.MethodGet, ""); status != 500 || body != "Internal Server Error" {
		t.Fatalf("exception: %d %q", status, body)
	}
	slow, err := deploy(t, java, volume, "Wait", "sleep")
	if err != nil {
		t.Fatal(err)
	}
	if status, body, _ := slow.call(http.MethodGet, ""); status != 408 || body != server.TimeoutBody {
		t.Fatalf("timeout: %d %q", status, body)
	}
	if _, err := deploy(t, java, volume, "Foo", "bar"); err == nil || !strings.Contains(err.Error(), "cannot load io.kubeless.Foo.bar") {
		t.Fatalf("a missing method: %v", err)
	}

	deps := t.TempDir()
	copyTree(t, abs("../../../../examples/java/with-deps"), deps)
	if output, err := javaCompile(t, root, deps); err != nil {
		t.Fatalf("compile with pom.xml: %v\n%s", err, output)
	}
	withDeps, err := deploy(t, java, deps, "Hello", "hello")
	if err != nil {
		t.Fatal(err)
	}
	if status, body, _ := withDeps.call(http.MethodPost, "java world"); status != 200 || body != "Hello, Java World!" {
		t.Fatalf("with deps: %d %q", status, body)
	}

	broken := t.TempDir()
	_ = os.WriteFile(filepath.Join(broken, "Bad.java"), []byte("package io.kubeless;\npublic class Bad { int x = ; }\n"), 0o644)
	if output, err := javaCompile(t, root, broken); err == nil || !strings.Contains(string(output), "KBL_ERR_JAVA_COMPILE: javac failed") {
		t.Fatalf("a compile error: %v %s", err, output)
	}
}
