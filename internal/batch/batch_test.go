package batch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/batch"
	"github.com/dossier-dev/dossier/internal/batch/batchtest"
	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/output/all"
	"github.com/dossier-dev/dossier/pipeline"
)

func options(t testing.TB, cfg *config.Config, stderr io.Writer) batch.Options {
	t.Helper()
	p, err := pipeline.New(cfg, pipeline.DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	return batch.Options{Config: cfg, Pipeline: p, Exporters: all.Registry(), Run: testRun(cfg),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Errors: stderr}
}

func TestExpand(t *testing.T) {
	root := t.TempDir()
	mk := func(rel string) string {
		p := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	mk("a/report.txt")
	mk("b/report.txt")
	mk("a/NOTES.MD")
	mk("a/page.html")
	mk("a/scan.pdf")
	mk("a/drafts/old.txt")
	mk("a/deep/x/y/z.md")
	os.Symlink(filepath.Join(root, "a"), filepath.Join(root, "a", "deep", "up")) // a loop
	os.Symlink(filepath.Join(root, "a", "deep", "x"), filepath.Join(root, "a", "alias"))
	os.Symlink(filepath.Join(root, "nowhere.txt"), filepath.Join(root, "a", "gone.txt"))
	list := filepath.Join(root, "list.txt")
	os.WriteFile(list, []byte("# today\nb/report.txt\n\n"+filepath.Join(root, "a", "scan.pdf")+"\n"), 0o644)

	in := config.Input{Include: []string{"*.txt", "*.md", "*.html"}, Exclude: []string{"drafts"}}
	got, err := batch.Expand([]string{filepath.Join(root, "a"), "@" + list, "-"}, in)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]batch.Input{}
	var ids []string
	for _, g := range got {
		if _, dup := byID[g.ID]; dup {
			t.Errorf("duplicate ID %s", g.ID)
		}
		byID[g.ID] = g
		ids = append(ids, g.ID)
		if strings.ContainsAny(g.ID, `/\`) || strings.HasPrefix(g.ID, ".") {
			t.Errorf("unsafe ID %q", g.ID)
		}
	}
	sort.Strings(ids)
	want := []string{"NOTES", "a__report", "b__report", "gone", "page", "scan", "stdin", "up", "z"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Fatalf("IDs %v, want %v", ids, want)
	}
	if e := byID["up"].Err; e == nil || !strings.Contains(e.Error(), "directory loop") {
		t.Errorf("loop: %v", e)
	}
	if e := byID["gone"].Err; e == nil || !strings.Contains(e.Error(), "broken symlink") {
		t.Errorf("broken symlink: %v", e)
	}
	if byID["z"].Err != nil || byID["scan"].Err != nil || byID["stdin"].Path != "-" {
		t.Errorf("inputs %+v", got)
	}
	// The folder reached through the alias symlink is listed once.
	n := 0
	for _, g := range got {
		if strings.HasSuffix(g.Path, "z.md") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("z.md listed %d times", n)
	}
	if _, err := batch.Expand([]string{"@" + filepath.Join(root, "none.txt")}, in); err == nil {
		t.Error("a missing list file is not an error")
	}
}

func TestOutputNames(t *testing.T) {
	long := strings.Repeat("Долгое-название-", 20) + ".txt"
	tests := []struct {
		paths []string
		want  []string
	}{
		{[]string{"x/report.txt", "y/report.txt"}, []string{"x__report", "y__report"}},
		{[]string{"x/Report.txt", "y/report.md"}, []string{"x__Report", "y__report"}}, // case-insensitive file systems
		{[]string{"a/b/c.txt", "d/b/c.txt", "e.txt"}, []string{"a__b__c", "d__b__c", "e"}},
		{[]string{"same.txt", "same.txt", "same-2.txt"}, []string{"same", "same-2", "same-2-2"}},
		// (paths that do not exist: Expand must not walk a real "..")
		{[]string{"../../no-such-dir/passwd", "no-such-dir/..", "no-such-dir/../.."}, []string{"passwd", "document", "document-2"}},
		{[]string{"Zürich brief (final).txt", "東京.md"}, []string{"Zürich_brief_final", "東京"}},
		{[]string{"corpus.txt", "index.html", "digest.md"}, []string{"corpus-doc", "index-doc", "digest-doc"}},
		{[]string{".hidden.txt", "-", "-"}, []string{"hidden", "stdin", "stdin-2"}},
	}
	for _, tt := range tests {
		var in []string
		in = append(in, tt.paths...)
		got := ids(t, in)
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%q: IDs %q, want %q", tt.paths, got, tt.want)
		}
	}
	got := ids(t, []string{long})
	if len(got[0]) > 130 || !strings.HasPrefix(got[0], "Долгое") {
		t.Errorf("long name: %q (%d bytes)", got[0], len(got[0]))
	}
}

// ids assigns IDs to paths that need not exist (Expand reports them as
// failures, with names all the same).
func ids(t *testing.T, paths []string) []string {
	t.Helper()
	in, err := batch.Expand(paths, config.Input{})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(in))
	for i, x := range in {
		out[i] = x.ID
	}
	return out
}

func TestShardsPartitionTheInputs(t *testing.T) {
	var all []batch.Input
	for i := 0; i < 200; i++ {
		all = append(all, batch.Input{Path: "p", ID: "doc-" + string(rune('a'+i%26)) + strings.Repeat("x", i)})
	}
	seen := map[string]int{}
	for k := 1; k <= 4; k++ {
		part := batch.Shard{K: k, N: 4}.Select(all)
		if len(part) < 20 {
			t.Errorf("shard %d/4 has only %d of 200 inputs", k, len(part))
		}
		for _, in := range part {
			seen[in.ID]++
			if all[in.Index].ID != in.ID {
				t.Errorf("index %d does not point back to %s", in.Index, in.ID)
			}
		}
	}
	for _, in := range all {
		if seen[in.ID] != 1 {
			t.Errorf("%s is in %d shards", in.ID, seen[in.ID])
		}
	}
	env := func(v string) func(string) string { return func(string) string { return v } }
	for _, tt := range []struct {
		run  config.Run
		env  string
		want batch.Shard
		err  string
	}{
		{config.Run{}, "", batch.Shard{K: 1, N: 1}, ""},
		{config.Run{Shard: "2/4"}, "0", batch.Shard{K: 2, N: 4}, ""},
		{config.Run{ShardCount: 4}, "3", batch.Shard{K: 4, N: 4}, ""},
		{config.Run{ShardCount: 4}, "4", batch.Shard{}, "not in 0..3"},
		{config.Run{ShardCount: 4}, "", batch.Shard{}, "JOB_COMPLETION_INDEX is not set"},
	} {
		got, err := batch.ResolveShard(tt.run, env(tt.env))
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%+v env %q: %v %v", tt.run, tt.env, got, err)
		}
	}
}

// TestShardsMergeLikeOneRun runs 4 shards and merges them, and compares
// with one run over everything: the same per-document files with the same
// JSON, and a byte-identical corpus.jsonl.
func TestShardsMergeLikeOneRun(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "in")
	if _, err := batchtest.WriteCorpus(in, 20, 2500); err != nil {
		t.Fatal(err)
	}
	// A failure in one shard travels to the merged errors.jsonl.
	os.WriteFile(filepath.Join(in, "empty.txt"), nil, 0o644)
	formats := []string{"json", "jsonld", "xlsx"}
	run := func(out string, shard batch.Shard) batch.Summary {
		t.Helper()
		cfg := loadConfig(t)
		cfg.Output.Dir = out
		cfg.Output.Formats = formats
		inputs, err := batch.Expand([]string{in}, cfg.Input)
		if err != nil {
			t.Fatal(err)
		}
		opts := options(t, cfg, io.Discard)
		opts.Shard = shard
		sum, err := batch.Run(context.Background(), opts, inputs)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	single := filepath.Join(root, "single")
	if s := run(single, batch.Shard{}); s.Processed != 20 || s.Failed != 1 {
		t.Fatalf("single run: %+v", s)
	}
	var shards []string
	total := 0
	for k := 1; k <= 4; k++ {
		dir := filepath.Join(root, "shard", string(rune('0'+k)))
		shards = append(shards, dir)
		total += run(dir, batch.Shard{K: k, N: 4}).Processed
	}
	if total != 20 {
		t.Fatalf("shards processed %d documents, want 20", total)
	}
	merged := filepath.Join(root, "merged")
	cfg := loadConfig(t)
	cfg.Output.Dir = merged
	cfg.Output.Formats = formats
	var stderr bytes.Buffer
	sum, err := batch.Merge(context.Background(), options(t, cfg, &stderr), shards)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Processed != 20 || sum.Failed != 1 {
		t.Errorf("merge: %+v", sum)
	}

	a, b := listOutputs(t, single), listOutputs(t, merged)
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Fatalf("file sets differ:\nsingle %v\nmerged %v", a, b)
	}
	for _, name := range a {
		switch {
		case strings.HasSuffix(name, ".json"), name == "corpus.jsonl", name == batch.ErrorsFile:
			x, _ := os.ReadFile(filepath.Join(single, name))
			y, _ := os.ReadFile(filepath.Join(merged, name))
			if !bytes.Equal(x, y) {
				t.Errorf("%s differs between the single run and the merge", name)
			}
		case name == "corpus.jsonld":
			if na, nb := graphSize(t, filepath.Join(single, name)), graphSize(t, filepath.Join(merged, name)); na != nb {
				t.Errorf("corpus.jsonld: %d nodes in the single run, %d merged", na, nb)
			}
		}
	}
	// Merging again (a re-run of the merge step) gives the same.
	if _, err := batch.Merge(context.Background(), options(t, cfg, io.Discard), shards); err != nil {
		t.Fatal(err)
	}
	x, _ := os.ReadFile(filepath.Join(single, "corpus.jsonl"))
	y, _ := os.ReadFile(filepath.Join(merged, "corpus.jsonl"))
	if !bytes.Equal(x, y) {
		t.Error("a second merge changed corpus.jsonl")
	}
	// The same document in two shards is refused.
	if _, err := batch.Merge(context.Background(), options(t, cfg, io.Discard), []string{shards[0], shards[0]}); err == nil || !strings.Contains(err.Error(), "two shards") {
		t.Errorf("duplicate shard: %v", err)
	}
}

func listOutputs(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != batch.LockFile && e.Name() != batch.ManifestFile {
			out = append(out, e.Name())
		}
	}
	return out
}

func graphSize(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Graph []json.RawMessage `json:"@graph"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return len(g.Graph)
}

// TestCancelFinishesDocumentsInHand cancels a run as it starts: what was
// started is finished and whole, nothing new starts, and the run says so.
func TestCancelFinishesDocumentsInHand(t *testing.T) {
	in := t.TempDir()
	if _, err := batchtest.WriteCorpus(in, 40, 2000); err != nil {
		t.Fatal(err)
	}
	cfg := loadConfig(t)
	cfg.Output.Dir = t.TempDir()
	cfg.Output.Formats = []string{"json", "jsonld"}
	cfg.Run.Workers = 2
	inputs, _ := batch.Expand([]string{in}, cfg.Input)
	ctx, cancel := context.WithCancel(context.Background())
	opts := options(t, cfg, io.Discard)
	opts.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	go func() {
		// Cancel once the first document is written.
		for {
			if _, err := os.Stat(filepath.Join(cfg.Output.Dir, "brief-000.json")); err == nil {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	sum, err := batch.Run(ctx, opts, inputs)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	if sum.Processed == 0 || sum.NotStarted == 0 || sum.Processed+sum.NotStarted != 40 {
		t.Errorf("summary %+v", sum)
	}
	entries, _ := os.ReadDir(cfg.Output.Dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") || strings.HasPrefix(e.Name(), "corpus.") {
			t.Errorf("cancelled run left %s", e.Name())
		}
	}
	man, err := batch.ReadManifest(cfg.Output.Dir)
	if err != nil || len(man) != sum.Processed {
		t.Errorf("manifest has %d entries for %d processed: %v", len(man), sum.Processed, err)
	}
}
