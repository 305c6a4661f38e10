package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := WriteFile(path, []byte("first")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(path, func(w io.Writer) error {
		w.Write([]byte("partial content that must never be seen"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "first" {
		t.Fatalf("failed write changed the file: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("stray files: %v", entries)
	}
	if err := WriteFile(path, []byte("second")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "second" {
		t.Fatalf("got %q", got)
	}
}

func TestClean(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".a.json.tmp-123"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "a.json"), nil, 0o644)
	if err := Clean(dir); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "a.json" {
		t.Fatalf("entries %v", entries)
	}
}

func TestPending(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "corpus.jsonl")
	p, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	p.Write([]byte("line 1\n"))
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("pending file visible before Commit")
	}
	p.Write([]byte("line 2\n"))
	if err := p.Commit(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if string(got) != "line 1\nline 2\n" || st.Mode().Perm() != 0o644 {
		t.Fatalf("got %q mode %v", got, st.Mode())
	}
	q, _ := Create(path)
	q.Write([]byte("half"))
	q.Abort()
	if got, _ := os.ReadFile(path); string(got) != "line 1\nline 2\n" {
		t.Fatal("abort changed the committed file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("stray files after abort: %v", entries)
	}
}
