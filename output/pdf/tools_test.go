package pdf

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/testutil"
)

// The checks in this file read the PDF with independent tools (poppler's
// pdftotext, pdffonts, pdfinfo and qpdf), never with fpdf itself.

// pdfText is the PDF's text in content order, whitespace collapsed, so a
// cell that wraps "April 1915 –" / "April 1916" still reads as one date.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(testutil.Tool(t, "pdftotext"), "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// pdfLines is pdftotext's raw output line by line.
func pdfLines(t *testing.T, path string) []string {
	t.Helper()
	out, err := exec.Command(testutil.Tool(t, "pdftotext"), "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Split(string(out), "\n")
}

// pdfInfo returns pdfinfo's fields.
func pdfInfo(t *testing.T, path string) map[string]string {
	t.Helper()
	out, err := exec.Command(testutil.Tool(t, "pdfinfo"), "-enc", "UTF-8", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	info := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}

// checkFontsEmbedded fails unless pdffonts lists fonts and every one is
// embedded.
func checkFontsEmbedded(t *testing.T, path string) {
	t.Helper()
	out, err := exec.Command(testutil.Tool(t, "pdffonts"), path).Output()
	if err != nil {
		t.Fatalf("pdffonts %s: %v", path, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	header := lines[0]
	col := strings.Index(header, "emb")
	for _, l := range lines[2:] {
		if len(l) < col+3 || l[col:col+3] != "yes" {
			t.Errorf("font not embedded: %q", l)
		}
	}
}

// checkQPDF runs qpdf --check, which fails on structural errors.
func checkQPDF(t *testing.T, path string) {
	t.Helper()
	out, err := exec.Command(testutil.Tool(t, "qpdf"), "--check", path).CombinedOutput()
	if err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", path, err, out)
	}
	if bytes.Contains(out, []byte("WARNING")) {
		t.Errorf("qpdf --check warns:\n%s", out)
	}
}

// outlineTitles lists the PDF's bookmarks (qpdf's JSON view).
func outlineTitles(t *testing.T, path string) []string {
	t.Helper()
	out, err := exec.Command(testutil.Tool(t, "qpdf"), "--json=2", "--json-key=outlines", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	var j struct {
		Outlines []outlineJSON `json:"outlines"`
	}
	if err := json.Unmarshal(out, &j); err != nil {
		t.Fatalf("qpdf json: %v", err)
	}
	var titles []string
	var walk func([]outlineJSON)
	walk = func(os []outlineJSON) {
		for _, o := range os {
			titles = append(titles, o.Title)
			walk(o.Kids)
		}
	}
	walk(j.Outlines)
	return titles
}

type outlineJSON struct {
	Title string        `json:"title"`
	Kids  []outlineJSON `json:"kids"`
}

var reDest = regexp.MustCompile(`/Dest \[(\d+) 0 R`)

// internalLinks counts link annotations that jump inside the document and
// fails on any that points nowhere (a link whose target was never set
// points at object 1, the page tree, not a page).
func internalLinks(t *testing.T, data []byte) int {
	t.Helper()
	n := 0
	for _, m := range reDest.FindAllSubmatch(data, -1) {
		if obj, _ := strconv.Atoi(string(m[1])); obj < 3 {
			t.Errorf("a link or bookmark has no target (Dest %s 0 R)", m[1])
		}
		n++
	}
	return n
}

// writeTemp renders into a file under t.TempDir.
func writeTemp(t *testing.T, name string, fill func(f interface{ Write([]byte) (int, error) }) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := fill(f); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
