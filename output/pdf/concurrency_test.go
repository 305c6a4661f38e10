package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/schema"
)

// TestConcurrentBriefingsKeepTheirGlyphs: a briefing rendered again after
// others comes out byte for byte the same, and briefings with different
// character sets rendered at once each embed a font subset that draws their
// own text (pdftotext alone would not notice a missing glyph).
func TestConcurrentBriefingsKeepTheirGlyphs(t *testing.T) {
	created := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	render := func(doc *schema.Document) []byte {
		t.Helper()
		var buf bytes.Buffer
		if _, err := Render(&buf, doc, Options{Version: "test", Created: created}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	// Each variant adds words with letters the others lack.
	variants := []struct{ id, extra string }{
		{"plain", "Quiet quarterly review"},
		{"greek", "Ζυγός ψήφων στη Θεσσαλονίκη"},
		{"cyrillic", "Жёсткий ответ из Хабаровска"},
		{"accents", "Œuvre façade naïveté Ærø"},
	}
	docs := make([]*schema.Document, len(variants))
	for i, v := range variants {
		d := fixtureDoc(v.id, 1990, 2020, 8)
		d.Metadata.Title = v.extra
		d.Events[0].Summary = v.extra
		docs[i] = d
	}
	first := render(docs[0])
	for _, d := range docs[1:] {
		render(d)
	}
	if again := render(docs[0]); !bytes.Equal(first, again) {
		t.Fatalf("the same briefing differs once the font caches are warm (%d vs %d bytes)", len(first), len(again))
	}

	dir := t.TempDir()
	var wg sync.WaitGroup
	out := make([][]byte, len(docs)*3)
	for i := range out {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var buf bytes.Buffer
			if _, err := Render(&buf, docs[i%len(docs)], Options{Version: "test", Created: created}); err != nil {
				t.Error(err)
			}
			out[i] = buf.Bytes()
		}(i)
	}
	wg.Wait()
	for i, data := range out {
		v := variants[i%len(variants)]
		path := filepath.Join(dir, v.id+".pdf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		checkQPDF(t, path)
		checkFontsEmbedded(t, path)
		text := strings.Join(strings.Fields(pdfText(t, path)), " ")
		if !strings.Contains(text, v.extra) {
			t.Errorf("%s (render %d): pdftotext lacks %q", v.id, i, v.extra)
		}
		// pdftotext reads the text through ToUnicode, which holds even
		// where the embedded subset lacks the glyph; the CIDToGIDMap says
		// whether the subset has it.
		maps := cidToGIDMaps(t, path)
		for _, r := range v.extra {
			if r == ' ' {
				continue
			}
			found := false
			for _, m := range maps {
				if 2*int(r)+1 < len(m) && (m[2*r] != 0 || m[2*r+1] != 0) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s (render %d): no embedded font has a glyph for %q", v.id, i, r)
			}
		}
	}
}

// cidToGIDMaps returns the CIDToGIDMap streams of the PDF at path
// (uncompressed with qpdf): two bytes, the glyph id, per code point.
func cidToGIDMaps(t *testing.T, path string) [][]byte {
	t.Helper()
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	if out, err := exec.Command(testutil.Tool(t, "qpdf"), "--qdf", "--object-streams=disable", path, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --qdf %s: %v\n%s", path, err, out)
	}
	data, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	var maps [][]byte
	for _, m := range regexp.MustCompile(`/CIDToGIDMap (\d+) 0 R`).FindAllSubmatch(data, -1) {
		obj := regexp.MustCompile(`(?m)^` + string(m[1]) + ` 0 obj\n`).FindIndex(data)
		if obj == nil {
			t.Fatalf("%s: CIDToGIDMap object %s not found", path, m[1])
		}
		rest := data[obj[1]:]
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 || len(rest) < i+7+2*65536 {
			t.Fatalf("%s: CIDToGIDMap object %s has no full stream", path, m[1])
		}
		maps = append(maps, rest[i+7:i+7+2*65536])
	}
	if len(maps) == 0 {
		t.Fatalf("%s: no CIDToGIDMap", path)
	}
	return maps
}
