package pdf

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/internal/testutil"
)

var docsDir = flag.String("docs", "", "render the seed's briefing page 1 and timeline as PNGs into this folder (make docs-images)")

// TestDocsImages regenerates docs/briefing-page1.png and
// docs/briefing-timeline.png from the seed run through the real pipeline.
// It runs only with -docs.
func TestDocsImages(t *testing.T) {
	if *docsDir == "" {
		t.Skip("run with -docs DIR (make docs-images)")
	}
	doc := testutil.Process(t, testutil.DevCorpus(t, testutil.Seed))
	pdfPath := filepath.Join(t.TempDir(), "seed.pdf")
	f, err := os.Create(pdfPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Render(f, doc, Options{Version: "docs"}); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	pdftoppm := testutil.Tool(t, "pdftoppm")
	// Page 1 is the summary, page 2 always starts the timeline.
	for page, name := range map[string]string{"1": "briefing-page1", "2": "briefing-timeline"} {
		out := filepath.Join(*docsDir, name)
		cmd := exec.Command(pdftoppm, "-png", "-r", "60", "-f", page, "-l", page, "-singlefile", pdfPath, out)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, b)
		}
		t.Logf("wrote %s.png", out)
	}
}
