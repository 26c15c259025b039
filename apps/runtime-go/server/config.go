package server

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config is what the runtime reads from the environment the function controller sets.
type Config struct {
	Handler         string
	Module          string
	Port            string
	Host            string
	Timeout         time.Duration
	TimeoutText     string
	Runtime         string
	MemoryLimit     string
	BodyLimit       int64
	ShutdownTimeout time.Duration
	AccessLog       bool
}

// ConfigError names the variable that is wrong; main exits 2 with it.
type ConfigError struct {
	Variable string
	Value    string
	Reason   string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("KBL_ERR_RUNTIME_CONFIG: %s=%q %s", e.Variable, e.Value, e.Reason)
}

func seconds(lookup func(string) (string, bool), name string, fallback string) (time.Duration, string, error) {
	text, ok := lookup(name)
	if !ok || text == "" {
		text = fallback
	}
	value, err := strconv.ParseFloat(text, 64)
	if err != nil || value <= 0 || value > 1e6 {
		return 0, text, &ConfigError{Variable: name, Value: text, Reason: "is not a positive number of seconds"}
	}
	return time.Duration(value * float64(time.Second)), text, nil
}

func text(lookup func(string) (string, bool), name, fallback string) string {
	if value, ok := lookup(name); ok && value != "" {
		return value
	}
	return fallback
}

// ReadConfig reads FUNC_* and the runtime's own tuning variables; lookup is os.LookupEnv outside tests.
func ReadConfig(lookup func(string) (string, bool)) (Config, error) {
	timeout, timeoutText, err := seconds(lookup, "FUNC_TIMEOUT", "180")
	if err != nil {
		return Config{}, err
	}
	shutdown, _, err := seconds(lookup, "SHUTDOWN_TIMEOUT", "10")
	if err != nil {
		return Config{}, err
	}
	limitText := text(lookup, "REQ_MB_LIMIT", "1")
	limit, err := strconv.ParseFloat(limitText, 64)
	if err != nil || limit <= 0 || limit > 1024 {
		return Config{}, &ConfigError{Variable: "REQ_MB_LIMIT", Value: limitText, Reason: "is not a size in MB between 0 and 1024"}
	}
	port := text(lookup, "FUNC_PORT", "8080")
	if number, err := strconv.Atoi(port); err != nil || number < 0 || number > 65535 {
		return Config{}, &ConfigError{Variable: "FUNC_PORT", Value: port, Reason: "is not a TCP port"}
	}
	accessLog := text(lookup, "ACCESS_LOG", "true")
	if accessLog != "true" && accessLog != "false" {
		return Config{}, &ConfigError{Variable: "ACCESS_LOG", Value: accessLog, Reason: `is not "true" or "false"`}
	}
	return Config{
		Handler:         text(lookup, "FUNC_HANDLER", ""),
		Module:          text(lookup, "MOD_NAME", ""),
		Port:            port,
		Host:            text(lookup, "FUNC_HOST", ""),
		Timeout:         timeout,
		TimeoutText:     timeoutText,
		Runtime:         text(lookup, "FUNC_RUNTIME", ""),
		MemoryLimit:     text(lookup, "FUNC_MEMORY_LIMIT", "0"),
		BodyLimit:       int64(limit * 1024 * 1024),
		ShutdownTimeout: shutdown,
		AccessLog:       accessLog == "true",
	}, nil
}

// EnvConfig reads the process environment.
func EnvConfig() (Config, error) { return ReadConfig(os.LookupEnv) }
