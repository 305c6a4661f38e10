package batch

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// progress reports documents as they finish: a one-line bar on a terminal,
// a structured log line per document otherwise.
type progress struct {
	mu      sync.Mutex
	bar     io.Writer // nil: log instead
	log     *slog.Logger
	total   int
	done    int
	failed  int
	skipped int
	start   time.Time
	last    time.Time
}

func newProgress(total int, bar io.Writer, log *slog.Logger) *progress {
	return &progress{total: total, bar: bar, log: log, start: time.Now()}
}

// finished records one document.
func (p *progress) finished(file, outcome string, took time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	switch outcome {
	case "failed":
		p.failed++
	case "skipped":
		p.skipped++
	}
	if p.bar == nil {
		if outcome == "failed" {
			return // its failure line (and errors.jsonl) already says so
		}
		p.log.Info("document", "file", file, "outcome", outcome, "ms", took.Milliseconds(), "done", p.done, "total", p.total)
		return
	}
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond && p.done < p.total {
		return
	}
	p.last = now
	p.draw(now)
}

func (p *progress) draw(now time.Time) {
	const width = 30
	frac := 1.0
	if p.total > 0 {
		frac = float64(p.done) / float64(p.total)
	}
	filled := int(frac * width)
	elapsed := now.Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.done) / elapsed
	}
	eta := "--"
	if rate > 0 && p.done < p.total {
		eta = (time.Duration(float64(p.total-p.done)/rate) * time.Second).Round(time.Second).String()
	}
	fmt.Fprintf(p.bar, "\r[%s%s] %d/%d  %.1f docs/s  ETA %s  failed %d ",
		strings.Repeat("#", filled), strings.Repeat(".", width-filled), p.done, p.total, rate, eta, p.failed)
	if p.done == p.total {
		fmt.Fprintln(p.bar)
	}
}

// message prints one line to w (the failures' stderr line). With a bar on
// the same terminal the bar is cleared first and redrawn after, so the
// line is not mixed into it.
func (p *progress) message(w io.Writer, line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil && p.done < p.total {
		fmt.Fprint(p.bar, "\r\033[K")
		fmt.Fprintln(w, line)
		p.draw(time.Now())
		return
	}
	fmt.Fprintln(w, line)
}
