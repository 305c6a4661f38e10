package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// execute runs dossier in-process and returns its exit code and stderr.
func execute(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	root := newRootCommand()
	var stdout, stderr bytes.Buffer
	root.SetOut(&stdout)
	root.SetErr(&stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err != nil {
		stderr.WriteString("dossier: " + err.Error() + "\n")
	}
	return exitCode(err), stdout.String(), stderr.String()
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const brief = "Trade Brief\n\nBy Ann Example for Example Institute\n\nIn March 2019, Ruritania and Freedonia signed a trade agreement in Geneva. [1]\n\nNotes\n\n1. Example Institute. \"Trade Report.\" March 2019.\n"

func TestRunBadInputsDoNotStopTheBatch(t *testing.T) {
	in := t.TempDir()
	out := t.TempDir()
	good := write(t, in, "good.txt", []byte(brief))
	empty := write(t, in, "empty.txt", nil)
	binary := write(t, in, "blob.txt", []byte{0x00, 0x01, 0xff, 0xfe, 0x00, 0x89, 'P', 'N', 'G'})
	missing := filepath.Join(in, "missing.txt")
	code, _, stderr := execute(t, "run", "-f", "json", "-o", out, good, empty, binary, missing)
	if code != exitFailed {
		t.Fatalf("exit code %d, want %d; stderr:\n%s", code, exitFailed, stderr)
	}
	for _, f := range []string{empty, binary, missing} {
		lines := 0
		for _, l := range strings.Split(stderr, "\n") {
			if strings.Contains(l, f) {
				lines++
			}
		}
		if lines != 1 {
			t.Errorf("want one stderr line naming %s, got %d:\n%s", f, lines, stderr)
		}
	}
	for _, cause := range []string{"empty file", "binary file", "no such file"} {
		if !strings.Contains(stderr, cause) {
			t.Errorf("stderr lacks %q:\n%s", cause, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "good.json")); err != nil {
		t.Fatalf("good document has no output: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "errors.jsonl")); err != nil {
		t.Fatalf("no errors.jsonl: %v", err)
	}
}

func TestExitCodes(t *testing.T) {
	in := t.TempDir()
	good := write(t, in, "good.txt", []byte(brief))
	typo := write(t, in, "typo.yaml", []byte("output:\n  formatz: [json]\n"))
	badValue := write(t, in, "bad.yaml", []byte("run:\n  workers: -3\n"))
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"ok", []string{"run", "-f", "json", "-o", t.TempDir(), good}, exitOK, ""},
		{"misspelled key", []string{"-c", typo, "run", "-o", t.TempDir(), good}, exitUsage, "output.formatz"},
		{"bad value", []string{"-c", badValue, "run", "-o", t.TempDir(), good}, exitUsage, "run.workers"},
		{"no input", []string{"run"}, exitUsage, "no INPUT"},
		{"unknown flag", []string{"run", "--nope", good}, exitUsage, "--nope"},
		{"missing config file", []string{"-c", filepath.Join(in, "none.yaml"), "run", good}, exitUsage, "none.yaml"},
		{"version", []string{"version"}, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := execute(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.code, stderr)
			}
			if tt.want != "" && !strings.Contains(stderr, tt.want) {
				t.Fatalf("stderr %q lacks %q", stderr, tt.want)
			}
		})
	}
}

func TestSchemaCommandPrintsJSONSchema(t *testing.T) {
	code, out, _ := execute(t, "schema")
	if code != 0 || !strings.Contains(out, `"$schema"`) || !strings.Contains(out, `"when_end"`) {
		t.Fatalf("exit %d, output %.200s", code, out)
	}
}

func TestConfigCommandShowsOrigins(t *testing.T) {
	t.Setenv("DOSSIER_OUTPUT__DIR", "/srv/out")
	code, out, _ := execute(t, "config")
	if code != 0 || !strings.Contains(out, "dir: /srv/out  # env DOSSIER_OUTPUT__DIR") || !strings.Contains(out, "# default") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
}
