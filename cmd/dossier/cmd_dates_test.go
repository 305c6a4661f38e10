package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// runDates runs `dossier dates` with stdin and returns its output lines.
func runDates(t *testing.T, stdin string, args ...string) ([]dateLine, error) {
	t.Helper()
	root := newRootCommand()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(append([]string{"dates"}, args...))
	err := root.Execute()
	var lines []dateLine
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if l == "" {
			continue
		}
		var d dateLine
		if jerr := json.Unmarshal([]byte(l), &d); jerr != nil {
			t.Fatalf("bad JSON line %q: %v", l, jerr)
		}
		lines = append(lines, d)
	}
	return lines, err
}

func TestDatesCommand(t *testing.T) {
	text := "Über Zürich: in 2014, talks stalled. In April, Obama visited Japan; they met from November 2013 to February 2014 and again yesterday.\r\n"
	dir := t.TempDir()
	plain := write(t, dir, "note.txt", []byte(text))
	html := write(t, dir, "page.html", []byte("<html><body><p>In April 2014 the envoy left.</p></body></html>"))

	got, err := runDates(t, "", "--dct", "2015-03-04", plain)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2014": "2014", "April": "2014-04", "November 2013 to February 2014": "2013-11", "yesterday": "2015-03-03"}
	runes := []rune(strings.ReplaceAll(text, "\r\n", "\n"))
	for _, d := range got {
		if string(runes[d.Start:d.End]) != d.Text {
			t.Errorf("%q at %d-%d does not index the file text", d.Text, d.Start, d.End)
		}
		if v, ok := want[d.Text]; ok {
			if d.Value != v {
				t.Errorf("%q: value %s, want %s", d.Text, d.Value, v)
			}
			delete(want, d.Text)
		}
		if d.Text == "November 2013 to February 2014" && d.EndValue != "2014-02" {
			t.Errorf("range end %q", d.EndValue)
		}
	}
	if len(want) != 0 {
		t.Errorf("missing %v in %+v", want, got)
	}

	got, err = runDates(t, "Elections are due next year.", "--dct", "2015-03-04T10:00:00", "-")
	if err != nil || len(got) != 1 || got[0].Value != "2016" {
		t.Errorf("stdin: %+v, %v", got, err)
	}

	got, err = runDates(t, "", html)
	if err != nil || len(got) != 1 || got[0].Text != "April 2014" {
		t.Errorf("html: %+v, %v", got, err)
	}

	if _, err := runDates(t, "", "--dct", "March 2015", plain); err == nil || exitCode(err) != exitUsage {
		t.Errorf("bad --dct: %v", err)
	}
	if _, err := runDates(t, "", filepath.Join(dir, "missing.txt")); err == nil || exitCode(err) != exitFailed {
		t.Errorf("missing file: %v", err)
	}
}
