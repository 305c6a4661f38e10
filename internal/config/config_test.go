package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "profile.yaml")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLayers(t *testing.T) {
	file := writeFile(t, "output:\n  dir: /from/file\n  formats: [json]\nrun:\n  workers: 3\n")
	fs := pflag.NewFlagSet("run", pflag.ContinueOnError)
	fs.Int("workers", 0, "")
	if err := fs.Parse([]string{"--workers", "7"}); err != nil {
		t.Fatal(err)
	}
	env := []string{"DOSSIER_OUTPUT__FORMATS=json,pdf", "DOSSIER_LOG__LEVEL=debug", "HOME=/root"}
	l, err := Load(file, env, fs, FlagKeys{"workers": "run.workers"})
	if err != nil {
		t.Fatal(err)
	}
	if l.Output.Dir != "/from/file" || l.Origin["output.dir"] != file {
		t.Errorf("file layer: dir %q from %q", l.Output.Dir, l.Origin["output.dir"])
	}
	if strings.Join(l.Output.Formats, ",") != "json,pdf" || l.Origin["output.formats"] != "env DOSSIER_OUTPUT__FORMATS" {
		t.Errorf("env layer: formats %v from %q", l.Output.Formats, l.Origin["output.formats"])
	}
	if l.Run.Workers != 7 || l.Origin["run.workers"] != "flag --workers" {
		t.Errorf("flag layer: workers %d from %q", l.Run.Workers, l.Origin["run.workers"])
	}
	if l.Log.Level != "debug" || l.Input.MaxBytes != 52428800 || l.Origin["input.max_bytes"] != "default" {
		t.Errorf("defaults: %+v %v", l.Log, l.Input.MaxBytes)
	}
}

func TestErrorsNameKeyAndSource(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		env     []string
		wantAll []string
	}{
		{"misspelled key in file", "output:\n  formts: [json]\n", nil, []string{`"output.formts"`, "profile.yaml", `did you mean "output.formats"`}},
		{"unknown section", "outptu:\n  dir: x\n", nil, []string{`"outptu`, "profile.yaml"}},
		{"bad type", "run:\n  workers: many\n", nil, []string{"run.workers", "profile.yaml"}},
		{"bad enum", "output:\n  pdf:\n    page_size: A5\n", nil, []string{"output.pdf.page_size", "A5", "profile.yaml"}},
		{"bad date", "pipeline:\n  dct: 03/2015\n", nil, []string{"pipeline.dct", "profile.yaml"}},
		{"misspelled env", "", []string{"DOSSIER_OUTPUT__DIRR=x"}, []string{"output.dirr", "DOSSIER_OUTPUT__DIRR"}},
		{"bad env value", "", []string{"DOSSIER_LOG__FORMAT=xml"}, []string{"log.format", "DOSSIER_LOG__FORMAT"}},
		{"broken yaml", "output: [\n", nil, []string{"profile.yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := ""
			if tt.file != "" {
				path = writeFile(t, tt.file)
			}
			_, err := Load(path, tt.env, nil, nil)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("error spans lines: %q", msg)
			}
			for _, w := range tt.wantAll {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
		})
	}
}

func TestProfilesLoad(t *testing.T) {
	profiles, _ := filepath.Glob("../../configs/*.yaml")
	for _, p := range profiles {
		if filepath.Base(p) == "default.yaml" {
			continue
		}
		data, _ := os.ReadFile(p)
		if !strings.Contains(string(data), "output:") && !strings.Contains(string(data), "pipeline:") && !strings.Contains(string(data), "input:") {
			continue // a word list, not a profile
		}
		if _, err := Load(p, nil, nil, nil); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}
