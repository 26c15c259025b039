package server

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The Prometheus clients' default buckets, as the Node.js and Python runtimes use.
var buckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

const metricsContentType = "text/plain; version=0.0.4; charset=utf-8"

type histogram struct {
	counts []uint64
	sum    float64
	count  uint64
}

// metrics holds the three Kubeless function metrics, labelled by HTTP method.
type metrics struct {
	mu        sync.Mutex
	calls     map[string]uint64
	failures  map[string]uint64
	durations map[string]*histogram
}

func newMetrics() *metrics {
	return &metrics{calls: map[string]uint64{}, failures: map[string]uint64{}, durations: map[string]*histogram{}}
}

func (m *metrics) observe(method string, seconds float64, failed bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls[method]++
	if failed {
		m.failures[method]++
	}
	h := m.durations[method]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(buckets))}
		m.durations[method] = h
	}
	for i, bound := range buckets {
		if seconds <= bound {
			h.counts[i]++
		}
	}
	h.sum += seconds
	h.count++
}

func label(method string) string {
	escaped := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(method)
	return fmt.Sprintf(`method="%s"`, escaped)
}

func number(value float64) string { return strconv.FormatFloat(value, 'g', -1, 64) }

func sortedKeys[V any](values map[string]V) []string {
	keys := make([]string, 0, len(values))
	for key := range values {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}

func (m *metrics) render() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	b.WriteString("# HELP function_calls_total Number of calls to user function\n# TYPE function_calls_total counter\n")
	for _, method := range sortedKeys(m.calls) {
		fmt.Fprintf(&b, "function_calls_total{%s} %d\n", label(method), m.calls[method])
	}
	b.WriteString("# HELP function_failures_total Number of exceptions in user function\n# TYPE function_failures_total counter\n")
	for _, method := range sortedKeys(m.failures) {
		fmt.Fprintf(&b, "function_failures_total{%s} %d\n", label(method), m.failures[method])
	}
	b.WriteString("# HELP function_duration_seconds Duration of user function in seconds\n# TYPE function_duration_seconds histogram\n")
	for _, method := range sortedKeys(m.durations) {
		h := m.durations[method]
		for i, bound := range buckets {
			fmt.Fprintf(&b, "function_duration_seconds_bucket{le=\"%s\",%s} %d\n", number(bound), label(method), h.counts[i])
		}
		fmt.Fprintf(&b, "function_duration_seconds_bucket{le=\"+Inf\",%s} %d\n", label(method), h.count)
		fmt.Fprintf(&b, "function_duration_seconds_sum{%s} %s\n", label(method), number(h.sum))
		fmt.Fprintf(&b, "function_duration_seconds_count{%s} %d\n", label(method), h.count)
	}
	return b.String()
}
