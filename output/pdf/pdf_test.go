package pdf

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/internal/testutil"
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/schema"
)

// checkBriefing runs every tool check on a rendered briefing of doc.
func checkBriefing(t *testing.T, doc *schema.Document, path string, res Result) {
	t.Helper()
	checkQPDF(t, path)
	checkFontsEmbedded(t, path)
	text := pdfText(t, path)
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	// A line may break after a dash: compare with the break closed.
	closeDash := strings.NewReplacer("\u2013 ", "\u2013")
	text = closeDash.Replace(text)

	// The title on page 1 (and as running header).
	if title := closeDash.Replace(norm(docTitle(doc))); !strings.Contains(text, title) {
		t.Errorf("title %q not in the text", title)
	}
	// Every event date as printed.
	for _, ev := range doc.Events {
		if d := DisplayDate(ev.Date); !strings.Contains(text, closeDash.Replace(d)) {
			t.Errorf("event %s: date %q not in the text", ev.ID, d)
		}
	}
	// Every note number, as the Sources entry "N." at the start of a line.
	lines := pdfLines(t, path)
	for _, c := range doc.Citations {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), c.ID+". ") {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("note %s: no Sources entry %q", c.ID, c.ID+".")
		}
	}
	// Footer "Page N of M" with the real page count.
	info := pdfInfo(t, path)
	pages, _ := strconv.Atoi(info["Pages"])
	if pages != res.Pages || pages < 5 {
		t.Errorf("pdfinfo Pages = %q, rendering reported %d", info["Pages"], res.Pages)
	}
	for n := 1; n <= pages; n++ {
		if want := fmt.Sprintf("Page %d of %d", n, pages); !strings.Contains(text, want) {
			t.Errorf("footer %q missing", want)
		}
	}
	// Document information.
	if got, want := info["Title"], norm(docTitle(doc)); got != want {
		t.Errorf("pdfinfo Title = %q, want %q", got, want)
	}
	if got, want := info["Author"], strings.Join(doc.Metadata.Authors, "; "); got != want {
		t.Errorf("pdfinfo Author = %q, want %q", got, want)
	}
	if !strings.HasPrefix(info["Subject"], "Briefing: ") {
		t.Errorf("pdfinfo Subject = %q", info["Subject"])
	}
	if info["Creator"] != "dossier v9.8.7-test" {
		t.Errorf("pdfinfo Creator = %q, want the version", info["Creator"])
	}
	// Bookmarks per section.
	titles := strings.Join(outlineTitles(t, path), "|")
	for _, s := range []string{"Summary", "Timeline", "Chronology", "Positions", "Sources", "Warnings for the editor"} {
		if !strings.Contains("|"+titles+"|", "|"+s+"|") {
			t.Errorf("no bookmark %q in %q", s, titles)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Internal links: sections from page 1, events from the timeline,
	// notes from chronology and positions.
	minLinks := len(sectionOrder) + len(doc.Events)
	if n := internalLinks(t, data); n < minLinks {
		t.Errorf("%d internal links, want at least %d", n, minLinks)
	}
}

var testOptions = Options{Version: "v9.8.7-test", Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}

func TestBriefingFixtures(t *testing.T) {
	tests := []struct {
		name     string
		from, to int
		n        int
		size     string
	}{
		{"century", 1900, 2020, 60, "A4"},
		{"three-years", 2019, 2021, 25, "Letter"},
		{"dense", 1895, 2025, 130, "A4"},
		{"one-day", 2024, 2024, 3, "A4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := fixtureDoc(tc.name, tc.from, tc.to, tc.n)
			opt := testOptions
			opt.PageSize = tc.size
			var res Result
			path := writeTemp(t, tc.name+".pdf", func(f interface{ Write([]byte) (int, error) }) error {
				var err error
				res, err = Render(f, doc, opt)
				return err
			})
			checkBriefing(t, doc, path, res)
			text := pdfText(t, path)
			// UTF-8 the fonts have is printed as is.
			for _, s := range []string{"Zürich", "Sergueï", "Министерство иностранных дел", "“Blue Line”", "Anaïs Lefèvre"} {
				if !strings.Contains(text, s) {
					t.Errorf("%q not in the text", s)
				}
			}
			// Characters the fonts lack are replaced and reported.
			if strings.Contains(text, "🌍") || strings.Contains(text, "北") {
				t.Errorf("a character the font lacks reached the PDF")
			}
			w := strings.Join(res.Warnings, "\n")
			if tc.n > 4 && (!strings.Contains(w, "U+1F30D") || !strings.Contains(w, "U+5317")) {
				t.Errorf("missing-glyph warning absent: %q", w)
			}
			if tc.n > 4 && !strings.Contains(text, "U+1F30D") {
				t.Errorf("missing-glyph warning not printed in the Warnings section")
			}
			// Chicago notes.
			for _, s := range []string{
				"Anaïs Lefèvre and Jörg Müller, Sediment and Sovereignty on the Upper Rhône (Zürich: Institut für Flussrecht, 2019)",
				"“Rivers as Borders,” Journal of Basin Law 12, no. 3 (May 2018): 45–67.",
				"accessed January 2, 2021",
			} {
				if !strings.Contains(text, s) {
					t.Errorf("Sources lack %q", s)
				}
			}
			// The page size.
			info := pdfInfo(t, path)
			want := map[string]string{"A4": "595.28 x 841.89", "Letter": "612 x 792"}[tc.size]
			if !strings.HasPrefix(info["Page size"], want) {
				t.Errorf("page size %q, want %s", info["Page size"], want)
			}
		})
	}
}

// TestBriefingSeed runs the real pipeline on the seed document. The
// extraction stages are still growing, so it asserts the briefing's
// promises on whatever they produce, not counts.
func TestBriefingSeed(t *testing.T) {
	doc := testutil.Process(t, testutil.DevCorpus(t, testutil.Seed))
	var res Result
	path := writeTemp(t, "seed.pdf", func(f interface{ Write([]byte) (int, error) }) error {
		var err error
		res, err = Render(f, doc, testOptions)
		return err
	})
	checkBriefing(t, doc, path, res)
	t.Logf("seed: %d events, %d positions, %d citations, %d pages", len(doc.Events), len(doc.Positions), len(doc.Citations), res.Pages)
}

// TestBriefingEmpty: a document with nothing extracted still gives a
// valid briefing that says so.
func TestBriefingEmpty(t *testing.T) {
	doc := &schema.Document{ID: "empty", Text: "Nothing here."}
	var res Result
	path := writeTemp(t, "empty.pdf", func(f interface{ Write([]byte) (int, error) }) error {
		var err error
		res, err = Render(f, doc, testOptions)
		return err
	})
	checkQPDF(t, path)
	checkFontsEmbedded(t, path)
	text := pdfText(t, path)
	for _, s := range []string{"empty", "No dated events to show.", "No events were extracted", "No positions were extracted",
		"No notes or references", "No warnings"} {
		if !strings.Contains(text, s) {
			t.Errorf("%q not in the text", s)
		}
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings for an empty document: %v", res.Warnings)
	}
}

// TestBriefingDanglingNote: a note number with no Sources entry is printed
// unlinked and reported.
func TestBriefingDanglingNote(t *testing.T) {
	doc := fixtureDoc("dangling", 2000, 2010, 6)
	doc.Events[0].Notes = []string{"99"}
	var buf bytes.Buffer
	res, err := Render(&buf, doc, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(res.Warnings, "\n"), "note 99") {
		t.Errorf("no warning for note 99: %v", res.Warnings)
	}
	internalLinks(t, buf.Bytes())
}

// TestExporter goes through the registry's entry point: config, file
// name, atomic write, and the digest switch.
func TestExporter(t *testing.T) {
	cfg := testutil.Config(t)
	cfg.Output.PDF.PageSize = "Letter"
	run := &output.Run{Version: "v9.8.7-test", Config: cfg, Started: testOptions.Created}
	exp, err := New(run)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	docs := []*schema.Document{fixtureDoc("alpha", 1990, 2000, 8), fixtureDoc("beta", 2010, 2012, 5)}
	// Concurrent exports share the exporter (batch runs one per worker).
	var wg sync.WaitGroup
	errs := make([]error, len(docs))
	for i, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			paths, err := exp.Export(context.Background(), d, dir)
			if err == nil && (len(paths) != 1 || paths[0] != filepath.Join(dir, d.ID+".pdf")) {
				err = fmt.Errorf("paths %v", paths)
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range docs {
		checkQPDF(t, filepath.Join(dir, d.ID+".pdf"))
	}
	ce := exp.(output.CorpusExporter)
	// Digest off: nothing written.
	w, err := ce.NewCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Add(docs[0]); err != nil {
		t.Fatal(err)
	}
	if paths, err := w.Close(); err != nil || len(paths) != 0 {
		t.Fatalf("digest off wrote %v, %v", paths, err)
	}
	if _, err := os.Stat(filepath.Join(dir, DigestFile)); !os.IsNotExist(err) {
		t.Fatalf("digest.pdf exists with digest off")
	}
	// Digest on.
	cfg.Output.PDF.Digest = true
	exp, err = New(run)
	if err != nil {
		t.Fatal(err)
	}
	w, err = exp.(output.CorpusExporter).NewCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := w.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	paths, err := w.Close()
	if err != nil || len(paths) != 1 {
		t.Fatalf("digest: %v, %v", paths, err)
	}
	checkQPDF(t, paths[0])
	checkFontsEmbedded(t, paths[0])
	text := pdfText(t, paths[0])
	for _, d := range docs {
		for _, ev := range d.Events {
			if s := DisplayDate(ev.Date); !strings.Contains(text, s) {
				t.Errorf("digest lacks date %q of %s", s, d.ID)
			}
		}
	}
	for _, s := range []string{"Digest of 2 documents", "D1", "D2", "Chronology", "Timeline"} {
		if !strings.Contains(text, s) {
			t.Errorf("digest lacks %q", s)
		}
	}
	internalLinks(t, mustRead(t, paths[0]))
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNewConfigErrors: bad settings fail at New with the file named.
func TestNewConfigErrors(t *testing.T) {
	dir := t.TempDir()
	otf := filepath.Join(dir, "cff.otf")
	os.WriteFile(otf, append([]byte("OTTO"), make([]byte, 64)...), 0o644)
	ttc := filepath.Join(dir, "set.ttc")
	os.WriteFile(ttc, append([]byte("ttcf"), make([]byte, 64)...), 0o644)
	txt := filepath.Join(dir, "logo.txt")
	os.WriteFile(txt, []byte("not an image"), 0o644)
	tests := []struct {
		name string
		set  func(c *outputPDF)
		want string
	}{
		{"page size", func(c *outputPDF) { c.PageSize = "A5" }, "A4 or Letter"},
		{"missing font", func(c *outputPDF) { c.FontDir, c.Font = dir, "nope.ttf" }, "nope.ttf"},
		{"otf", func(c *outputPDF) { c.Font = otf }, "CFF"},
		{"ttc", func(c *outputPDF) { c.FontDir, c.Font = dir, "set.ttc" }, "collection"},
		{"font dir without font", func(c *outputPDF) { c.FontDir = dir }, "names no file"},
		{"logo", func(c *outputPDF) { c.Logo = txt }, "not a PNG or JPEG"},
		{"missing logo", func(c *outputPDF) { c.Logo = filepath.Join(dir, "none.png") }, "none.png"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testutil.Config(t)
			tc.set(&cfg.Output.PDF)
			_, err := New(&output.Run{Config: cfg})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

type outputPDF = config.PDF

// TestLogo: a configured PNG appears on page 1 (pdfimages lists it).
func TestLogo(t *testing.T) {
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for x := 0; x < 120; x++ {
		for y := 0; y < 40; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 2), 60, 140, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	logo := filepath.Join(dir, "logo.png")
	if err := os.WriteFile(logo, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := testutil.Config(t)
	cfg.Output.PDF.Logo = logo
	exp, err := New(&output.Run{Version: "v1", Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	paths, err := exp.Export(context.Background(), fixtureDoc("logo", 2000, 2003, 4), dir)
	if err != nil {
		t.Fatal(err)
	}
	checkQPDF(t, paths[0])
	out, err := exec.Command(testutil.Tool(t, "pdfimages"), "-list", "-f", "1", "-l", "1", paths[0]).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 || !strings.Contains(lines[2], "120") {
		t.Errorf("page 1 images:\n%s", out)
	}
}

// TestLogoUnreadable: a file that looks like a PNG but is not costs the
// logo, with a warning, not the briefing.
func TestLogoUnreadable(t *testing.T) {
	opt := testOptions
	opt.Logo, opt.LogoType = []byte("\x89PNG\r\n\x1a\nthis is not a png"), "PNG"
	var res Result
	path := writeTemp(t, "badlogo.pdf", func(f interface{ Write([]byte) (int, error) }) error {
		var err error
		res, err = Render(f, fixtureDoc("badlogo", 2000, 2002, 3), opt)
		return err
	})
	checkQPDF(t, path)
	if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "logo left out") {
		t.Errorf("warnings %q", w)
	}
}
