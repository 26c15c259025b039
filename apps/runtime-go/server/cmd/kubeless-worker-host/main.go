// kubeless-worker-host serves a function written in another language (Ruby,
// PHP) with the Go server's HTTP contract; the rest of the command line starts
// one worker process, e.g. `kubeless-worker-host ruby /opt/kubeless-ruby/worker.rb`.
package main

import (
	"fmt"
	"log"
	"os"
	"strconv"

	server "kubeless-ts.io/runtime-go"
	"kubeless-ts.io/runtime-go/workers"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: kubeless-worker-host <worker command>...")
		os.Exit(2)
	}
	config, err := server.EnvConfig()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	size, err := strconv.Atoi(envOr("FUNC_WORKERS", "4"))
	if err != nil || size < 1 || size > 256 {
		fmt.Fprintf(os.Stderr, "KBL_ERR_RUNTIME_CONFIG: FUNC_WORKERS=%q is not a number of workers between 1 and 256\n", os.Getenv("FUNC_WORKERS"))
		os.Exit(2)
	}
	pool := &workers.Pool{Command: os.Args[1:], Env: os.Environ(), Size: size, Logger: log.New(os.Stderr, "", log.LstdFlags)}
	// The function must load before the server answers /healthz, as in the other runtimes.
	if err := pool.Check(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := server.Run(config, pool.Handler())
	pool.Close()
	os.Exit(code)
}

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}
