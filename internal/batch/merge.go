package batch

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/output/jsonout"
	"github.com/gofrs/flock"
)

// Merge builds one output folder from the folders of shard runs: the
// per-document files are copied in, and the corpus outputs are written from
// the shards' JSON in the order a one-machine run would have used, so the
// result is the same as running everything on one machine.
func Merge(ctx context.Context, opts Options, shardDirs []string) (Summary, error) {
	start := time.Now()
	dir := opts.Config.Output.Dir
	lock, err := claimDir(dir)
	if err != nil {
		return Summary{}, err
	}
	defer lock.Unlock()

	type located struct {
		Entry
		shard string
	}
	var entries []located
	seen := map[string]string{}
	var failures []Failure
	for _, sd := range shardDirs {
		if err := shardIdle(sd); err != nil {
			return Summary{}, err
		}
		es, err := ReadManifest(sd)
		if err != nil {
			return Summary{}, fmt.Errorf("shard %s: %w (was it written by dossier run --shard?)", sd, err)
		}
		for _, e := range es {
			if other, dup := seen[e.ID]; dup {
				return Summary{}, fmt.Errorf("document %s is in two shards: %s and %s", e.ID, other, sd)
			}
			seen[e.ID] = sd
			entries = append(entries, located{e, sd})
		}
		fs, err := readFailures(filepath.Join(sd, ErrorsFile))
		if err != nil {
			return Summary{}, fmt.Errorf("shard %s: %w", sd, err)
		}
		failures = append(failures, fs...)
	}
	sort.Slice(entries, func(i, j int) bool {
		return entries[i].Index < entries[j].Index || entries[i].Index == entries[j].Index && entries[i].ID < entries[j].ID
	})

	var sum Summary
	fail := func(f Failure) {
		failures = append(failures, f)
		fmt.Fprintf(opts.Errors, "dossier: %s: %s: %s\n", f.File, stageLabel(f), oneLine(f.Cause))
	}
	exps := buildExporters(opts)
	corpora := openCorpora(exps, dir, fail)
	man, err := openManifest(dir)
	if err != nil {
		return Summary{}, err
	}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			abortCorpora(corpora)
			man.close()
			return sum, err
		}
		var outs []string
		copied := true
		for _, o := range e.Outputs {
			dst := filepath.Join(dir, o)
			if err := copyFile(filepath.Join(e.shard, o), dst); err != nil {
				fail(Failure{File: e.Input, Stage: "merge", Cause: err.Error()})
				copied = false
				continue
			}
			outs = append(outs, dst)
		}
		f, err := os.Open(filepath.Join(e.shard, e.ID+".json"))
		if err != nil {
			fail(Failure{File: e.Input, Stage: "merge", Cause: "no JSON output in the shard (merge needs the json format): " + err.Error()})
			continue
		}
		doc, err := jsonout.Decode(f)
		f.Close()
		if err != nil {
			fail(Failure{File: e.Input, Stage: "merge", Cause: err.Error()})
			continue
		}
		for _, c := range corpora {
			if err := c.add(doc); err != nil {
				fail(Failure{File: e.Input, Stage: "export", Format: c.name, Cause: err.Error()})
			}
		}
		if copied {
			man.record(e.Entry)
		}
		sum.Processed++
		sum.Outputs = append(sum.Outputs, outs...)
	}
	sum.Outputs = append(sum.Outputs, closeCorpora(corpora, failures, dir, fail)...)
	if err := man.close(); err != nil {
		return sum, err
	}
	sum.Failures = failures
	sum.Failed = countFailedDocs(failures)
	if err := writeErrors(dir, failures); err != nil {
		return sum, err
	}
	sum.Duration = time.Since(start)
	return sum, nil
}

// shardIdle refuses a shard folder a run is still writing into. A lock
// that cannot even be opened (a read-only volume) is no sign of a run.
func shardIdle(dir string) error {
	l := flock.New(filepath.Join(dir, LockFile))
	ok, err := l.TryRLock()
	if err != nil {
		return nil
	}
	defer l.Unlock()
	if !ok {
		return fmt.Errorf("%w: shard %s is still being written (wait for its run to finish)", ErrLocked, dir)
	}
	return nil
}

func readFailures(path string) ([]Failure, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Failure
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		var fl Failure
		if json.Unmarshal(sc.Bytes(), &fl) == nil {
			out = append(out, fl)
		}
	}
	return out, sc.Err()
}

// copyFile copies atomically; a file onto itself is left alone.
func copyFile(src, dst string) error {
	if a, err := filepath.Abs(src); err == nil {
		if b, err := filepath.Abs(dst); err == nil && a == b {
			return nil
		}
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return atomicfile.Write(dst, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}
