package testutil

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/pipeline"
	"github.com/dossier-dev/dossier/schema"
)

// RepoRoot is the module's root folder.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// SharedDir returns ../shared beside the checkout. Without it the test is
// skipped, except in CI (CI=true), where it fails: CI always has it.
func SharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(RepoRoot(), "..", "shared")
	if _, err := os.Stat(filepath.Join(dir, "corpus", "dev")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("../shared missing in CI: %v", err)
		}
		t.Skipf("../shared not present: %v", err)
	}
	return dir
}

// DevCorpus returns the path of a dev-corpus file by name.
func DevCorpus(t testing.TB, name string) string {
	return filepath.Join(SharedDir(t), "corpus", "dev", name)
}

// Seed is the seed document's file name in the dev corpus.
const Seed = "japan-russia-hirose-2015.txt"

// Config loads the built-in default configuration.
func Config(t testing.TB) *config.Config {
	t.Helper()
	l, err := config.Load("", nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &l.Config
}

// Process runs the default pipeline on a file.
func Process(t testing.TB, path string) *schema.Document {
	t.Helper()
	cfg := Config(t)
	p, err := pipeline.New(cfg, pipeline.DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := p.ProcessFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	doc.ID = filepath.Base(path)
	return doc
}

// Python returns a python3 that can import every named module (Debian's
// packages import only in Debian's own python3, which may not be first on
// PATH). Without one the test is skipped, except in CI, where it fails.
func Python(t testing.TB, modules ...string) string {
	t.Helper()
	candidates := []string{"/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, p)
	}
	for _, py := range candidates {
		args := []string{"-c", "import sys"}
		for _, m := range modules {
			args[1] += "; import " + m
		}
		if exec.Command(py, args...).Run() == nil {
			return py
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("no python3 imports %v", modules)
	}
	t.Skipf("no python3 imports %v", modules)
	return ""
}

// Tool returns the path of an external program, skipping (or failing in
// CI) when it is missing.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not installed", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}
