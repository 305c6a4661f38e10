package config

import (
	"fmt"
	"runtime"
	"strings"
)

// Config is dossier's whole configuration. Each section is owned by the
// stage or exporter of the same name; its Validate keeps bad values out.
type Config struct {
	Input    Input    `koanf:"input"`
	Pipeline Pipeline `koanf:"pipeline"`
	Extract  Extract  `koanf:"extract"`
	Output   Output   `koanf:"output"`
	Review   Review   `koanf:"review"`
	Run      Run      `koanf:"run"`
	Log      Log      `koanf:"log"`
}

// Input selects and bounds what is read.
type Input struct {
	// Include and Exclude are glob patterns on file names (and on paths
	// relative to a folder input) when a folder is walked.
	Include []string `koanf:"include"`
	Exclude []string `koanf:"exclude"`
	// MaxBytes refuses larger files.
	MaxBytes int64 `koanf:"max_bytes"`
}

// Pipeline chooses and orders the stages.
type Pipeline struct {
	Stages []string `koanf:"stages"`
	// DCT is the document creation date (YYYY-MM-DD) used to anchor
	// relative dates when a document's metadata has none.
	DCT string `koanf:"dct"`
}

// Extract points the extractors at their word lists. Empty paths use the
// lists embedded from configs/.
type Extract struct {
	Gazetteer string `koanf:"gazetteer"`
	Triggers  string `koanf:"triggers"`
	Topics    string `koanf:"topics"`
}

// Output chooses the formats and where they go.
type Output struct {
	Dir     string   `koanf:"dir"`
	Formats []string `koanf:"formats"`
	JSON    JSON     `koanf:"json"`
	XLSX    XLSX     `koanf:"xlsx"`
	PDF     PDF      `koanf:"pdf"`
	JSONLD  JSONLD   `koanf:"jsonld"`
	HTML    HTML     `koanf:"html"`
}

// JSON configures the JSON exporter.
type JSON struct {
	// Indent pretty-prints the output.
	Indent bool `koanf:"indent"`
}

// Run configures how documents are scheduled.
type Run struct {
	// Workers is the number of documents processed at once; 0 means one per
	// CPU.
	Workers int `koanf:"workers"`
	// Force reprocesses documents the manifest says are up to date.
	Force bool `koanf:"force"`
	// Shard is "K/N": process only the K-th of N deterministic shares of the
	// inputs (K from 1). Empty means all, unless ShardCount is set and the
	// Kubernetes JOB_COMPLETION_INDEX variable names this pod's share.
	Shard string `koanf:"shard"`
	// ShardCount is N for Indexed Jobs, where K comes from
	// JOB_COMPLETION_INDEX (0-based) instead of Shard.
	ShardCount int `koanf:"shard_count"`
	// Progress is auto (a bar on a terminal, logs otherwise), bar or log.
	Progress string `koanf:"progress"`
}

// Log configures diagnostics on stderr.
type Log struct {
	// Format is text or json.
	Format string `koanf:"format"`
	// Level is debug, info, warn or error.
	Level string `koanf:"level"`
}

// WorkerCount resolves Run.Workers.
func (c *Config) WorkerCount() int {
	if c.Run.Workers > 0 {
		return c.Run.Workers
	}
	return runtime.NumCPU()
}

// Validate checks values that the types alone do not constrain. Errors name
// the key.
func (c *Config) Validate() error {
	var errs []string
	bad := func(key, format string, a ...any) {
		errs = append(errs, key+": "+fmt.Sprintf(format, a...))
	}
	if c.Input.MaxBytes <= 0 {
		bad("input.max_bytes", "must be positive, got %d", c.Input.MaxBytes)
	}
	if c.Pipeline.DCT != "" && !isISODate(c.Pipeline.DCT) {
		bad("pipeline.dct", "want YYYY-MM-DD, got %q", c.Pipeline.DCT)
	}
	if c.Output.Dir == "" {
		bad("output.dir", "must not be empty")
	}
	if c.Run.Shard != "" {
		if _, _, err := ParseShard(c.Run.Shard); err != nil {
			bad("run.shard", "%v", err)
		}
	}
	if c.Run.ShardCount < 0 {
		bad("run.shard_count", "must be 0 (no sharding) or more, got %d", c.Run.ShardCount)
	}
	switch c.Run.Progress {
	case "auto", "bar", "log":
	default:
		bad("run.progress", "want auto, bar or log, got %q", c.Run.Progress)
	}
	if c.Run.Workers < 0 {
		bad("run.workers", "must be 0 (one per CPU) or more, got %d", c.Run.Workers)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		bad("log.format", "want text or json, got %q", c.Log.Format)
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level", "want debug, info, warn or error, got %q", c.Log.Level)
	}
	for _, v := range sectionValidators {
		errs = append(errs, v(c)...)
	}
	if len(errs) > 0 {
		return &ValueError{Problems: errs}
	}
	return nil
}

// sectionValidators lets each section file add its checks to Validate.
var sectionValidators []func(*Config) []string

// ValueError lists bad values, each "key: problem".
type ValueError struct {
	Problems []string
	// Origin maps a key to where it was set, filled in by Load.
	Origin map[string]string
}

func (e *ValueError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p
		key, _, _ := strings.Cut(p, ":")
		if o, ok := e.Origin[key]; ok {
			parts[i] += " (set in " + o + ")"
		}
	}
	return "config: " + strings.Join(parts, "; ")
}

// ParseShard reads "K/N" (1 <= K <= N).
func ParseShard(s string) (k, n int, err error) {
	if _, err := fmt.Sscanf(s, "%d/%d", &k, &n); err != nil || n < 1 || k < 1 || k > n || fmt.Sprintf("%d/%d", k, n) != s {
		return 0, 0, fmt.Errorf("want K/N with 1 <= K <= N, got %q", s)
	}
	return k, n, nil
}

func isISODate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, r := range s {
		if i == 4 || i == 7 {
			continue
		}
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
