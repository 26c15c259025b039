// function-image-builder appends the prepared function directory to the
// runtime image as one layer and pushes it (docs/adr/0015-function-image-builder.md).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/kubeless-ts/kubeless-ts/apps/function-image-builder/internal/build"
)

type mirrors map[string]string

func (m mirrors) String() string { return fmt.Sprint(map[string]string(m)) }

func (m mirrors) Set(value string) error {
	for _, item := range strings.Split(value, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		from, to, ok := strings.Cut(item, "=")
		if !ok || from == "" || to == "" {
			return fmt.Errorf("%q is not registry=mirror", item)
		}
		m[from] = to
	}
	return nil
}

func main() {
	options := build.Options{Mirrors: mirrors{}, Log: os.Stdout}
	flags := flag.NewFlagSet("function-image-builder", flag.ContinueOnError)
	flags.StringVar(&options.Base, "base", "", "the runtime image")
	flags.StringVar(&options.Dir, "dir", "/kubeless", "the prepared function directory")
	flags.StringVar(&options.Target, "target", "/kubeless", "where the directory goes in the image")
	flags.StringVar(&options.Image, "image", "", "the image to push, <registry>/<name>:<content hash>")
	flags.BoolVar(&options.Insecure, "insecure", false, "allow plain HTTP and unverified certificates")
	flags.Var(mirrors(options.Mirrors), "mirror", "registry=host:port, repeatable or comma-separated: where that registry's images are pulled from")
	if err := flags.Parse(os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", build.CodeUsage, err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	if _, err := build.Run(ctx, options); err != nil {
		fmt.Fprintln(os.Stderr, err)
		var buildErr *build.Error
		if errors.As(err, &buildErr) && buildErr.Code == build.CodeUsage {
			os.Exit(2)
		}
		os.Exit(1)
	}
}
