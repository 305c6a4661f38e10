package citations

import (
	"context"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/pipeline/refparse"
	"github.com/dossier-dev/dossier/schema"
)

// Name is the stage's name in pipeline.stages.
const Name = "citations"

// Warning codes this stage records.
const (
	// WarnMarkerWithoutNote: the text carries a marker ([7]) for a note the
	// document does not have.
	WarnMarkerWithoutNote = "marker-without-note"
)

// Stage finds notes and inline sources and fills doc.Citations. It keeps
// no per-document state, so one Stage serves concurrent documents.
type Stage struct {
	lx *lexicon
}

// New builds the stage from the embedded lexicon. cfg is unused today; the
// signature matches pipeline.StageFactory.
func New(cfg *config.Config) (*Stage, error) {
	lx, err := loadLexicon("pipeline/citations/lexicon.yaml", lexiconYAML)
	if err != nil {
		return nil, err
	}
	return &Stage{lx: lx}, nil
}

// Process fills doc.Citations, replacing what was there. It never fails on
// a document: odd input gives fewer citations, and unresolved markers are
// warnings.
func (s *Stage) Process(ctx context.Context, doc *schema.Document) error {
	t := newText(doc)
	notes, region := s.findNotes(t)
	var markers []marker
	if len(notes) > 0 {
		markers = s.findMarkers(t, notes, region)
		if !s.trustNotes(t, notes, markers) {
			notes, markers = nil, nil
		}
	}
	if len(notes) == 0 {
		// Without notes, bracketed numbers are still markers of notes the
		// document lost; they are reported, and inline sources are used.
		markers = s.findMarkers(t, nil, span{})
		doc.Citations = s.inlineCitations(t)
	} else {
		doc.Citations = s.noteCitations(t, notes, markers)
	}
	s.warnOrphans(t, notes, markers)
	return nil
}

// trustNotes decides whether a numbered run found without a heading is
// endnotes: it is when markers in the text point at it; otherwise only when
// it stands in the back half of the text and the document has no inline
// links to cite instead. Anything else is a numbered list in the body.
func (s *Stage) trustNotes(t *text, notes []note, markers []marker) bool {
	if notes[0].headed || notes[0].style == styleFootnote || notes[0].style == styleList {
		return true
	}
	for _, m := range markers {
		for _, id := range m.ids {
			for _, n := range notes {
				if n.label == id {
					return true
				}
			}
		}
	}
	return notes[0].entry >= len(t.s)/2 && len(s.inlineLinks(t)) == 0
}

// noteCitations turns notes and their markers into citations.
func (s *Stage) noteCitations(t *text, notes []note, markers []marker) []schema.Citation {
	byLabel := map[string]int{}
	for i, n := range notes {
		if _, dup := byLabel[n.label]; !dup {
			byLabel[n.label] = i
		}
	}
	evs := make([][]schema.Evidence, len(notes))
	for _, m := range markers {
		for _, id := range m.ids {
			if i, ok := byLabel[id]; ok {
				evs[i] = append(evs[i], t.doc.EvidenceBytes(m.start, m.end))
			}
		}
	}
	acr := s.acronyms(t, notes)
	out := make([]schema.Citation, 0, len(notes))
	for i, n := range notes {
		ev := t.doc.EvidenceBytes(n.start, n.end)
		kind, items := refparse.ParseNote(ev.Text)
		c := fill(n.label, ev, len(evs[i]) > 0, kind, items, acr)
		c.Markers = evs[i]
		out = append(out, c)
	}
	expandShortAuthors(out)
	return out
}

// expandShortAuthors writes out an institution a note names by its short
// form after the notes gave it in full: "Japan. MOFA." where another note
// reads "Japan. Ministry of Foreign Affairs (MOFA)." is that author. Only
// chained names (a parent body, then the acronym) are expanded; a bare
// acronym is left as the note wrote it. The full form is looked up in the
// notes' text, so it is found even when the note giving it parses badly.
func expandShortAuthors(cs []schema.Citation) {
	for i := range cs {
		for j, a := range cs[i].Authors {
			long := fullForm(cs, a)
			if long == "" {
				continue
			}
			cs[i].Authors[j] = long
			if cs[i].CSL != nil && j < len(cs[i].CSL.Author) && cs[i].CSL.Author[j].Literal == a {
				cs[i].CSL.Author[j].Literal = long
			}
		}
	}
}

// fullForm finds "Parent. Long Name (ACR)" in the notes for an author
// written "Parent. ACR", or "".
func fullForm(cs []schema.Citation, author string) string {
	a := strings.TrimRight(strings.TrimSpace(author), ".")
	dot := strings.LastIndex(a, ". ")
	if dot < 0 {
		return ""
	}
	parent, acr := a[:dot], strings.TrimSpace(a[dot+2:])
	if !isAcronym(acr) || parent == "" {
		return ""
	}
	re, err := regexp.Compile(regexp.QuoteMeta(parent) + `\.\s+([^().;]{3,100}?)\s+\(` + regexp.QuoteMeta(acr) + `\)`)
	if err != nil {
		return ""
	}
	for _, c := range cs {
		if m := re.FindStringSubmatch(c.Evidence.Text); m != nil {
			return parent + ". " + strings.TrimSpace(m[1]) + " (" + acr + ")"
		}
	}
	return ""
}

// fill builds a citation from a parsed note.
func fill(id string, ev schema.Evidence, anchored bool, kind string, items []schema.CSLItem, acr map[string]string) schema.Citation {
	if kind != schema.KindNote {
		kind = schema.KindReference
	}
	c := schema.Citation{ID: id, Kind: kind, Anchored: anchored, Evidence: ev}
	if len(items) == 0 {
		if kind == schema.KindReference {
			c.Kind = schema.KindNote
		}
		return c
	}
	first := items[0]
	for i := range first.Author {
		if long, ok := acr[first.Author[i].Literal]; ok {
			first.Author[i].Literal = long
		}
	}
	// an edited volume cited by its editors alone is credited to them:
	// they are who the reader looks for ("X and Y, eds.")
	names := first.Author
	if len(names) == 0 {
		names = first.Editor
	}
	for _, a := range names {
		if d := strings.TrimSpace(a.Display()); d != "" {
			c.Authors = append(c.Authors, d)
		}
	}
	c.Title = first.Title
	c.Container = first.ContainerTitle
	if c.Container == "" {
		c.Container = first.CollectionTitle
	}
	c.Issued = refparse.ISODate(first.Issued)
	c.Accessed = refparse.ISODate(first.Accessed)
	c.URL = first.URL
	if first.ID == "" {
		first.ID = id
	}
	c.CSL = &first
	if len(items) > 1 {
		c.More = append([]schema.CSLItem(nil), items[1:]...)
	}
	return c
}

// warnOrphans records markers that point at no note.
func (s *Stage) warnOrphans(t *text, notes []note, markers []marker) {
	have := map[string]bool{}
	for _, n := range notes {
		have[n.label] = true
	}
	for _, m := range markers {
		var missing []string
		for _, id := range m.ids {
			if !have[id] {
				missing = append(missing, id)
			}
		}
		if len(missing) == 0 {
			continue
		}
		ev := t.doc.EvidenceBytes(m.start, m.end)
		t.doc.Warn(Name, WarnMarkerWithoutNote,
			"marker "+ev.Text+" points at note "+strings.Join(missing, ", ")+", which the document does not have", &ev)
	}
}

// parseIDs reads a marker's numbers: "4", "4-6", "4, 7", "4 and 5",
// superscript digits. Ranges wider than 50 are read as their two ends.
func parseIDs(s string) []string {
	s = strings.TrimSpace(fromSuperscript(s))
	s = strings.NewReplacer("^", "", "and", ",", "–", "-", "—", "-", "‒", "-", "−", "-").Replace(s)
	var out []string
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if a, b, ok := strings.Cut(part, "-"); ok {
			x, e1 := strconv.Atoi(strings.TrimSpace(a))
			y, e2 := strconv.Atoi(strings.TrimSpace(b))
			if e1 != nil || e2 != nil {
				return nil
			}
			if y > x && y-x <= 50 {
				for i := x; i <= y; i++ {
					out = append(out, strconv.Itoa(i))
				}
			} else {
				out = append(out, strconv.Itoa(x), strconv.Itoa(y))
			}
			continue
		}
		n, err := strconv.Atoi(part)
		if err != nil {
			return nil
		}
		out = append(out, strconv.Itoa(n))
	}
	return out
}

var superDigits = map[rune]rune{'⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9'}

func fromSuperscript(s string) string {
	return strings.Map(func(r rune) rune {
		if d, ok := superDigits[r]; ok {
			return d
		}
		return r
	}, s)
}

// sortCitations orders citations by where their evidence starts.
func sortCitations(cs []schema.Citation) {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Evidence.Start < cs[j].Evidence.Start })
}
