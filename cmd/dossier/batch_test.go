package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/atomicfile"
	"github.com/dossier-dev/dossier/internal/batch"
	"github.com/dossier-dev/dossier/internal/batch/batchtest"
	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/output/jsonout"
	"github.com/dossier-dev/dossier/schema"
	"github.com/gofrs/flock"
	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"
)

// TestMain lets the test binary stand in for the dossier binary: run with
// DOSSIERTEST_AS_CLI=1 it is dossier (the same main), so the tests that
// need a real process (SIGKILL) start it without a separate build.
func TestMain(m *testing.M) {
	if os.Getenv("DOSSIERTEST_AS_CLI") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// dossierCmd is a dossier process.
func dossierCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DOSSIERTEST_AS_CLI=1")
	return cmd
}

// failureLines counts the stderr lines reporting a failure of path.
func failureLines(stderr, path string) int {
	n := 0
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "dossier: "+path+": ") {
			n++
		}
	}
	return n
}

func readErrors(t *testing.T, dir string) map[string]batch.Failure {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, batch.ErrorsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]batch.Failure{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var fl batch.Failure
		if err := json.Unmarshal(sc.Bytes(), &fl); err != nil {
			t.Fatalf("errors.jsonl line %q: %v", sc.Text(), err)
		}
		if fl.File == "" || fl.Stage == "" || fl.Cause == "" {
			t.Errorf("errors.jsonl entry lacks file, stage or cause: %+v", fl)
		}
		out[fl.File] = fl
	}
	return out
}

func TestBatchWithBadInputs(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "in")
	good, err := batchtest.WriteCorpus(in, 30, 3000)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(root, "out")
	sub := filepath.Join(in, "sub")
	os.MkdirAll(sub, 0o755)
	extra := filepath.Join(root, "extra")
	os.MkdirAll(extra, 0o755)
	t.Setenv("DOSSIER_INPUT__MAX_BYTES", "300000")

	legacy := write(t, sub, "legacy.txt", []byte("Legacy Note\n\nOn 4 March 2019 the caf\xe9 owners of Ruritania \x93welcomed\x94 the new tariff rules.\n"))
	nested := write(t, sub, "nested.html", []byte("<html><body>"+strings.Repeat("<div>", 20000)+
		"<p>On 3 May 2021 Ruritania signed the accord.</p>"+strings.Repeat("</div>", 20000)+"</body></html>"))
	var mixed strings.Builder
	tags := []string{"div", "ul", "li", `a href="#n"`, "sup", "b", "span", "h2"}
	for i := 0; i < 20000; i++ {
		mixed.WriteString("<" + tags[i%len(tags)] + ">")
	}
	mixed.WriteString("On 3 May 2021 Freedonia objected.")
	unclosed := write(t, sub, "unclosed.html", []byte("<html><body>"+mixed.String()))
	// Bad ones, each with the cause its error line must give.
	bad := map[string]string{
		write(t, in, "empty.txt", nil):                                                       "empty file",
		write(t, in, "blob.txt", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 0xff, 0xfe}):           "binary file",
		write(t, sub, "big.txt", bytes.Repeat([]byte("On 1 May 2020 talks began. "), 12000)): "too large",
		write(t, extra, "report.pdf", []byte("%PDF-1.4\n")):                                  "unknown file type",
	}
	// Not picked up from a folder: only input.include globs are.
	write(t, in, "notes.docx", []byte("PK\x03\x04"))
	write(t, in, "scan.pdf", []byte("%PDF-1.4\n"))
	dangling := filepath.Join(in, "dangling.txt")
	if err := os.Symlink(filepath.Join(root, "gone.txt"), dangling); err != nil {
		t.Fatal(err)
	}
	bad[dangling] = "broken symlink"
	loop := filepath.Join(sub, "loop")
	if err := os.Symlink("..", loop); err != nil {
		t.Fatal(err)
	}
	bad[loop] = "directory loop"
	if os.Geteuid() != 0 {
		locked := write(t, in, "locked.txt", []byte(brief))
		os.Chmod(locked, 0)
		bad[locked] = "permission denied"
	} else {
		t.Log("running as root: chmod 000 does not stop reads; unreadable-file case skipped")
	}

	code, _, stderr := execute(t, "run", "-f", "json,xlsx,jsonld", "-j", "2", "-o", out, in, filepath.Join(extra, "report.pdf"))
	if code != exitFailed {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitFailed, stderr)
	}
	errs := readErrors(t, out)
	for path, cause := range bad {
		if n := failureLines(stderr, path); n != 1 {
			t.Errorf("%d stderr lines name %s, want 1:\n%s", n, path, stderr)
		}
		f, ok := errs[path]
		if !ok {
			t.Errorf("errors.jsonl lacks %s", path)
			continue
		}
		if f.Stage != "ingest" || !strings.Contains(f.Cause, cause) {
			t.Errorf("%s: stage %q cause %q, want ingest and %q", path, f.Stage, f.Cause, cause)
		}
	}
	if len(errs) != len(bad) {
		t.Errorf("errors.jsonl has %d entries, want %d: %v", len(errs), len(bad), errs)
	}
	for _, skipped := range []string{"notes.docx", "scan.pdf"} {
		if strings.Contains(stderr, skipped) {
			t.Errorf("%s is not an included file type but was read: %s", skipped, stderr)
		}
	}

	// Every good document, the legacy one and the nested HTML completed.
	var done []string
	for _, p := range good {
		done = append(done, strings.TrimSuffix(filepath.Base(p), ".txt"))
	}
	done = append(done, "legacy", "nested", "unclosed")
	for _, id := range done {
		doc := readDoc(t, filepath.Join(out, id+".json"))
		if doc.ID != id {
			t.Errorf("%s.json has id %q", id, doc.ID)
		}
	}
	if doc := readDoc(t, filepath.Join(out, "legacy.json")); doc.Source.Encoding != "windows-1252" ||
		!strings.Contains(doc.Text, "café") || !strings.Contains(doc.Text, "“welcomed”") || len(doc.Warnings) == 0 {
		t.Errorf("legacy file: encoding %q, warnings %v, text %q", doc.Source.Encoding, doc.Warnings, doc.Text)
	}
	for _, p := range []string{legacy, nested, unclosed} {
		if failureLines(stderr, p) != 0 {
			t.Errorf("%s reported as failed:\n%s", p, stderr)
		}
	}
	// The corpus outputs hold the completed documents and list the failed.
	lines := jsonlLines(t, filepath.Join(out, "corpus.jsonl"))
	if len(lines) != len(done) {
		t.Errorf("corpus.jsonl has %d documents, want %d", len(lines), len(done))
	}
	var graph map[string]any
	decodeFile(t, filepath.Join(out, "corpus.jsonld"), &graph)
	wb, err := excelize.OpenFile(filepath.Join(out, "corpus.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.GetRows("Failures")
	if err != nil {
		t.Fatalf("corpus.xlsx: %v (sheets %v)", err, wb.GetSheetList())
	}
	listed := strings.Join(flatten(rows), "\n")
	for path := range bad {
		if !strings.Contains(listed, path) {
			t.Errorf("Failures sheet lacks %s", path)
		}
	}
	if !strings.Contains(stderr, fmt.Sprintf("processed %d, skipped 0, failed %d", len(done), len(bad))) {
		t.Errorf("summary line wrong:\n%s", stderr)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, "\t"))
	}
	return out
}

func readDoc(t *testing.T, path string) *schema.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonout.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

func decodeFile(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func jsonlLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if !json.Valid([]byte(l)) {
			t.Fatalf("%s line %d is not JSON", path, i+1)
		}
		out = append(out, l)
	}
	return out
}

func TestSecondRunIsLockedOut(t *testing.T) {
	in := t.TempDir()
	out := t.TempDir()
	good := write(t, in, "good.txt", []byte(brief))
	held := flock.New(filepath.Join(out, batch.LockFile))
	if ok, err := held.TryLock(); !ok || err != nil {
		t.Fatalf("lock: %v %v", ok, err)
	}
	defer held.Unlock()
	start := time.Now()
	code, _, stderr := execute(t, "run", "-f", "json", "-o", out, good)
	if code != exitLocked {
		t.Fatalf("exit %d, want %d (locked); stderr %s", code, exitLocked, stderr)
	}
	if !strings.Contains(stderr, "another dossier run is using this output folder") || !strings.Contains(stderr, out) {
		t.Errorf("message does not say what is wrong: %s", stderr)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("locked run waited %s; it must exit at once", time.Since(start))
	}
	if _, err := os.Stat(filepath.Join(out, "good.json")); err == nil {
		t.Error("the locked-out run wrote outputs")
	}
	code, _, stderr = execute(t, "merge", "-o", out, t.TempDir())
	if code != exitLocked {
		t.Errorf("merge into a locked folder: exit %d; %s", code, stderr)
	}
	held.Unlock()
	if code, _, stderr := execute(t, "run", "-f", "json", "-o", out, good); code != exitOK {
		t.Fatalf("after the lock is released: exit %d; %s", code, stderr)
	}
}

func TestManifestSkipsUnchangedDocuments(t *testing.T) {
	in := t.TempDir()
	out := t.TempDir()
	paths, err := batchtest.WriteCorpus(in, 6, 2000)
	if err != nil {
		t.Fatal(err)
	}
	run := func(extra ...string) string {
		t.Helper()
		args := append([]string{"run", "-f", "json,jsonld", "-o", out}, extra...)
		code, _, stderr := execute(t, append(args, in)...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		return stderr
	}
	steps := []struct {
		name  string
		edit  func()
		flags []string
		want  string
	}{
		{"first run", nil, nil, "processed 6, skipped 0"},
		{"unchanged", nil, nil, "processed 0, skipped 6"},
		{"other worker count", nil, []string{"-j", "1"}, "processed 0, skipped 6"},
		{"one input changed", func() { os.WriteFile(paths[2], []byte(batchtest.Brief(99, 2000)), 0o644) }, nil, "processed 1, skipped 5"},
		{"an output deleted", func() { os.Remove(filepath.Join(out, "brief-004.jsonld")) }, nil, "processed 1, skipped 5"},
		{"force", nil, []string{"--force"}, "processed 6, skipped 0"},
		{"after force", nil, nil, "processed 0, skipped 6"},
		{"other formats", nil, []string{"-f", "json"}, "processed 6, skipped 0"},
	}
	for _, s := range steps {
		if s.edit != nil {
			s.edit()
		}
		if got := run(s.flags...); !strings.Contains(got, s.want) {
			t.Fatalf("%s: want %q in\n%s", s.name, s.want, got)
		}
	}
	// Skipped documents still reach the corpus outputs.
	if n := len(jsonlLines(t, filepath.Join(out, "corpus.jsonl"))); n != 6 {
		t.Errorf("corpus.jsonl has %d documents after a skipping run, want 6", n)
	}
	doc := readDoc(t, filepath.Join(out, "brief-002.json"))
	if !strings.HasPrefix(doc.Text, "Brief 99:") {
		t.Errorf("changed input not reprocessed: %.40q", doc.Text)
	}
}

// TestSIGKILLLeavesNoPartialOutputs kills a batch at random moments and
// checks, after each kill, that every output file is whole; a final run
// completes the rest.
func TestSIGKILLLeavesNoPartialOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills processes")
	}
	root := t.TempDir()
	in := filepath.Join(root, "in")
	out := filepath.Join(root, "out")
	paths, err := batchtest.WriteCorpus(in, 16, 4000)
	if err != nil {
		t.Fatal(err)
	}
	formats := "json,xlsx,pdf,jsonld"
	seed := time.Now().UnixNano()
	t.Logf("random seed %d", seed)
	rnd := rand.New(rand.NewSource(seed))
	for kill := 0; kill < 5; kill++ {
		cmd := dossierCmd("run", "-f", formats, "-o", out, in)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(30+rnd.Intn(900)) * time.Millisecond
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		t.Logf("kill %d after %s: %v", kill+1, delay, err)
		checkWhole(t, out)
	}
	cmd := dossierCmd("run", "-f", formats, "-o", out, in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("final run: %v\n%s", err, stderr.String())
	}
	t.Log(lastLine(stderr.String()))
	checkWhole(t, out)
	for _, p := range paths {
		id := strings.TrimSuffix(filepath.Base(p), ".txt")
		for _, ext := range []string{".json", ".pdf", ".jsonld"} {
			if _, err := os.Stat(filepath.Join(out, id+ext)); err != nil {
				t.Errorf("after the final run: %v", err)
			}
		}
	}
	for _, f := range []string{"corpus.jsonl", "corpus.xlsx", "corpus.jsonld"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("after the final run: %v", err)
		}
	}
	if n := len(jsonlLines(t, filepath.Join(out, "corpus.jsonl"))); n != len(paths) {
		t.Errorf("corpus.jsonl has %d documents, want %d", n, len(paths))
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if atomicfile.IsTemp(e.Name()) {
			t.Errorf("temporary %s left after a complete run", e.Name())
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// checkWhole fails the test for any output file in dir that is not
// complete; only temporaries (".NAME.tmp-*") may be.
func checkWhole(t *testing.T, dir string) {
	t.Helper()
	for _, p := range partialFiles(dir) {
		t.Error(p)
	}
}

// partialFiles lists the files in dir that are not whole.
func partialFiles(dir string) []string {
	var problems []string
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return []string{err.Error()}
	}
	for _, e := range entries {
		name := e.Name()
		if atomicfile.IsTemp(name) || name == batch.LockFile || e.IsDir() {
			continue
		}
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		var bad string
		switch filepath.Ext(name) {
		case ".json", ".jsonld":
			if !json.Valid(data) {
				bad = "not valid JSON"
			}
		case ".jsonl":
			lines := strings.SplitAfter(string(data), "\n")
			for i, l := range lines {
				if l == "" {
					continue
				}
				// The manifest is a journal: its last line may be cut
				// by a kill (and is ignored); every other line is whole.
				if name == batch.ManifestFile && i == len(lines)-1 && !strings.HasSuffix(l, "\n") {
					continue
				}
				if !strings.HasSuffix(l, "\n") || !json.Valid([]byte(l)) {
					bad = fmt.Sprintf("line %d is not whole JSON", i+1)
				}
			}
		case ".xlsx":
			if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
				bad = "not a valid zip: " + err.Error()
			}
		case ".pdf":
			if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimRight(data, "\r\n "), []byte("%%EOF")) {
				bad = "not a whole PDF"
			}
		default:
			bad = "unexpected file"
		}
		if bad != "" {
			problems = append(problems, fmt.Sprintf("%s: %s (%d bytes)", name, bad, len(data)))
		}
	}
	return problems
}

// TestCheckWholeCatchesPartialFiles keeps the SIGKILL test honest: its
// checker must flag cut files.
func TestCheckWholeCatchesPartialFiles(t *testing.T) {
	cases := map[string]string{
		"a.json":        `{"id": "a", "text": "cut`,
		"a.jsonld":      `{"@graph": [`,
		"corpus.jsonl":  "{\"id\":\"a\"}\n{\"id\":",
		"a.pdf":         "%PDF-1.7\n1 0 obj",
		"corpus.xlsx":   "PK\x03\x04cut",
		"stray.partial": "x",
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, name, []byte(content))
			if len(partialFiles(dir)) == 0 {
				t.Errorf("partial %s passed the check", name)
			}
		})
	}
	dir := t.TempDir()
	write(t, dir, ".a.json.tmp-123", []byte(`{"cut`))
	write(t, dir, batch.ManifestFile, []byte("{\"id\":\"a\"}\n{\"id\":\"b"))
	checkWhole(t, dir) // a temporary and a journal's cut last line are allowed
}

// tickEvery is a cron.Schedule that fires every d.
type tickEvery time.Duration

func (d tickEvery) Next(t time.Time) time.Time { return t.Add(time.Duration(d)) }

func TestScheduleNeverOverlapsAndStopsCleanly(t *testing.T) {
	var mu sync.Mutex
	type span struct{ start, end time.Time }
	var runs []span
	running := 0
	ctx, cancel := context.WithCancel(context.Background())
	job := func(ctx context.Context) error {
		mu.Lock()
		running++
		if running > 1 {
			t.Error("two runs at once")
		}
		s := span{start: time.Now()}
		mu.Unlock()
		// A slow run, longer than the tick: ticks come while it works.
		time.Sleep(150 * time.Millisecond)
		mu.Lock()
		running--
		s.end = time.Now()
		runs = append(runs, s)
		n := len(runs)
		mu.Unlock()
		if n == 3 {
			cancel() // SIGTERM while the fourth run would be due
		}
		return ctx.Err()
	}
	cmd := &cobra.Command{}
	var log bytes.Buffer
	cmd.SetErr(&log)
	done := make(chan error, 1)
	go func() { done <- runSchedule(ctx, cmd, tickEvery(40*time.Millisecond), job) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("runSchedule: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("schedule did not stop after cancel")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(runs) != 3 {
		t.Fatalf("%d runs, want 3 (the schedule went on after cancel?)", len(runs))
	}
	for i := 1; i < len(runs); i++ {
		if runs[i].start.Before(runs[i-1].end) {
			t.Errorf("run %d started before run %d ended", i+1, i)
		}
	}
	if !strings.Contains(log.String(), "schedule stopped") {
		t.Errorf("no stop message: %s", log.String())
	}
}

func TestScheduleStopsWhileWaiting(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	sched, err := cron.ParseStandard("0 6 * * *")
	if err != nil {
		t.Fatal(err)
	}
	cmd := &cobra.Command{}
	var log bytes.Buffer
	cmd.SetErr(&log)
	ran := false
	if err := runSchedule(ctx, cmd, sched, func(context.Context) error { ran = true; return nil }); err != nil {
		t.Fatal(err)
	}
	if ran || !strings.Contains(log.String(), "next run at") {
		t.Errorf("ran %v; log %s", ran, log.String())
	}
}

// TestDeployExamplesAreValid keeps deploy/ in step with the CLI: the
// container args parse as dossier flags and the environment variables are
// configuration keys dossier accepts.
func TestDeployExamplesAreValid(t *testing.T) {
	for _, name := range []string{"indexed-job.yaml", "merge-job.yaml"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "deploy", "k8s", name))
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		jobs := 0
		for {
			var obj struct {
				Kind string
				Spec struct {
					CompletionMode string `yaml:"completionMode"`
					Completions    int
					Template       struct {
						Spec struct {
							Containers []struct {
								Args []string
								Env  []struct{ Name, Value string }
							}
						}
					}
				}
			}
			if err := dec.Decode(&obj); err != nil {
				break
			}
			if obj.Kind != "Job" {
				continue
			}
			jobs++
			for _, c := range obj.Spec.Template.Spec.Containers {
				root := newRootCommand()
				cmd, rest, err := root.Find(c.Args)
				if err != nil || cmd == root {
					t.Fatalf("%s: args %v: no such command (%v)", name, c.Args, err)
				}
				if err := cmd.ParseFlags(rest); err != nil {
					t.Errorf("%s: args %v: %v", name, c.Args, err)
				}
				var env []string
				for _, e := range c.Env {
					if strings.HasPrefix(e.Name, "DOSSIER_") {
						env = append(env, e.Name+"="+e.Value)
						if e.Name == "DOSSIER_RUN__SHARD_COUNT" && e.Value != fmt.Sprint(obj.Spec.Completions) {
							t.Errorf("%s: shard count %s but %d completions", name, e.Value, obj.Spec.Completions)
						}
					}
				}
				if _, err := config.Load("", env, nil, nil); err != nil {
					t.Errorf("%s: environment %v: %v", name, env, err)
				}
			}
		}
		if jobs != 1 {
			t.Errorf("%s: %d Jobs, want 1", name, jobs)
		}
	}
}

func TestRunFromStdin(t *testing.T) {
	out := t.TempDir()
	root := newRootCommand()
	var stderr bytes.Buffer
	root.SetIn(strings.NewReader(brief))
	root.SetErr(&stderr)
	root.SetOut(io.Discard)
	root.SetArgs([]string{"run", "-f", "json", "-o", out, "-"})
	if err := root.Execute(); err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	doc := readDoc(t, filepath.Join(out, "stdin.json"))
	if !strings.Contains(doc.Text, "Ruritania") || doc.Source.Path != "-" {
		t.Errorf("stdin document: path %q text %.60q", doc.Source.Path, doc.Text)
	}
}
