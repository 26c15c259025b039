package server

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// serve listens, answers until SIGTERM/SIGINT, then lets in-flight calls finish
// for at most SHUTDOWN_TIMEOUT; its result is the exit code.
func serve(config Config, handler Handler) int {
	logger := log.New(os.Stderr, "", log.LstdFlags)
	var access io.Writer
	if config.AccessLog {
		access = os.Stdout
	}
	httpServer := &http.Server{
		Handler:           New(config, handler, access, logger),
		ReadHeaderTimeout: 30 * time.Second,
		ErrorLog:          logger,
	}
	listener, err := net.Listen("tcp", net.JoinHostPort(config.Host, config.Port))
	if err != nil {
		logger.Printf("KBL_ERR_RUNTIME_LISTEN: cannot listen on port %s: %v", config.Port, err)
		return 1
	}
	logger.Printf("function %s.%s listening on %s", config.Module, config.Handler, listener.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	failed := make(chan error, 1)
	go func() { failed <- httpServer.Serve(listener) }()
	select {
	case err := <-failed:
		logger.Printf("server stopped: %v", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), config.ShutdownTimeout)
	defer cancel()
	if err := httpServer.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Print(shutdownMessage(err))
		return 1
	}
	return 0
}
