//go:build ignore

// A bare net/http hello world: the baseline of bench.mjs.
package main

import (
	"io"
	"net/http"
	"os"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "hello world") })
	_ = http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), nil)
}
