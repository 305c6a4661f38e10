package citations

import (
	"strings"

	"github.com/dossier-dev/dossier/pipeline/ingest"
	"github.com/dossier-dev/dossier/schema"
)

// span is a stretch of Document.Text in byte offsets (Go's string offsets);
// it becomes code points only when evidence is built.
type span struct{ start, end int }

func (s span) contains(b int) bool { return s.start <= b && b < s.end }

// text is a document's text cut into lines, with what the stage asks of
// it often.
type text struct {
	doc   *schema.Document
	s     string
	lines []span
	html  bool
	md    bool
}

func newText(doc *schema.Document) *text {
	t := &text{doc: doc, s: doc.Text}
	start := 0
	for i := 0; i < len(t.s); i++ {
		if t.s[i] == '\n' {
			t.lines = append(t.lines, span{start, i})
			start = i + 1
		}
	}
	if start < len(t.s) {
		t.lines = append(t.lines, span{start, len(t.s)})
	}
	t.html = doc.Source.MediaType == ingest.TypeHTML
	t.md = doc.Source.MediaType == ingest.TypeMarkdown
	return t
}

func (t *text) line(i int) string { return t.s[t.lines[i].start:t.lines[i].end] }

func (t *text) blank(i int) bool { return strings.TrimSpace(t.line(i)) == "" }

// lineAt returns the index of the line holding byte offset b.
func (t *text) lineAt(b int) int {
	lo, hi := 0, len(t.lines)
	for lo < hi {
		m := (lo + hi) / 2
		if t.lines[m].end < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// bare strips a line of heading and emphasis markup and a trailing colon,
// lower-cased: "## Notes:" and "**Notes**" both read "notes".
func bare(line string) string {
	s := strings.TrimSpace(line)
	s = strings.TrimLeft(s, "#")
	s = strings.Trim(strings.TrimSpace(s), "*_|")
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ":"))
	s = strings.Trim(s, "*_")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// evidence builds the evidence of a byte span: every offset conversion
// goes through the document's code-point index.
func (t *text) evidence(sp span) schema.Evidence { return t.doc.EvidenceBytes(sp.start, sp.end) }

// trimSpan narrows a span to its text without surrounding spaces, Markdown
// table pipes or note back-links ("↩").
func (t *text) trimSpan(sp span) span {
	const cut = " \t\n|↩↑^"
	for sp.start < sp.end && strings.ContainsRune(cut, rune(t.s[sp.start])) && t.s[sp.start] < 0x80 {
		sp.start++
	}
	for sp.end > sp.start {
		r, size := lastRune(t.s[sp.start:sp.end])
		if !strings.ContainsRune(cut, r) {
			break
		}
		sp.end -= size
	}
	return sp
}

func lastRune(s string) (rune, int) {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 || s[i] >= 0xC0 {
			r := []rune(s[i:])
			if len(r) == 0 {
				return 0, len(s) - i
			}
			return r[0], len(s) - i
		}
	}
	return 0, 0
}
