package batch

import (
	"bytes"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestProgressBar(t *testing.T) {
	var bar bytes.Buffer
	p := newProgress(3, &bar, slog.New(slog.NewTextHandler(io.Discard, nil)))
	p.finished("a.txt", "done", time.Millisecond)
	p.message(&bar, "dossier: b.txt: ingest: empty file")
	p.finished("b.txt", "failed", time.Millisecond)
	p.finished("c.txt", "skipped", time.Millisecond)
	out := bar.String()
	for _, want := range []string{"\r\033[K" + "dossier: b.txt: ingest: empty file\n", "3/3", "failed 1", "docs/s"} {
		if !strings.Contains(out, want) {
			t.Errorf("bar output lacks %q:\n%q", want, out)
		}
	}
	if !strings.HasSuffix(out, "\n") {
		t.Errorf("a finished bar ends its line: %q", out)
	}
}

func TestProgressLogs(t *testing.T) {
	var log bytes.Buffer
	p := newProgress(2, nil, slog.New(slog.NewJSONHandler(&log, nil)))
	p.finished("a.txt", "done", time.Millisecond)
	p.finished("b.txt", "failed", time.Millisecond)
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	// The failure has its own line (stderr and errors.jsonl); the log
	// does not repeat it.
	if len(lines) != 1 || !strings.Contains(lines[0], `"file":"a.txt"`) || !strings.Contains(lines[0], `"outcome":"done"`) {
		t.Errorf("log lines %q", lines)
	}
}
