package schema

import (
	"sort"
	"unicode/utf8"
)

// Document is one input document and everything dossier knows about it.
//
// Text is the document as read: decoded to UTF-8, without a byte-order mark,
// line endings normalised to "\n" (as Python and most readers see a text
// file), and for HTML the visible text with block structure kept as line
// breaks. All offsets in the model point into Text, in code points.
type Document struct {
	// ID is the document's output name, unique within a run (no extension).
	ID       string   `json:"id"`
	Source   Source   `json:"source"`
	Metadata Metadata `json:"metadata"`
	// Text is the document text every offset points into.
	Text string `json:"text"`

	// Layout found by the segmenter and the cleaner.
	Paragraphs  []Span `json:"paragraphs,omitempty"`
	Sentences   []Span `json:"sentences,omitempty"`
	Boilerplate []Span `json:"boilerplate,omitempty"`
	// Markup records structure the text alone no longer shows (HTML links,
	// superscripts, headings, list items), so later stages can use it.
	Markup Markup `json:"markup,omitempty"`
	// Dates lists every temporal expression found in the text.
	Dates []TimeExpr `json:"dates,omitempty"`

	Events    []Event    `json:"events"`
	Positions []Position `json:"positions"`
	Citations []Citation `json:"citations"`
	Actors    []Actor    `json:"actors"`
	Warnings  []Warning  `json:"warnings"`

	index *runeIndex
}

// Source describes the input file a document was read from.
type Source struct {
	Path      string `json:"path"`
	MediaType string `json:"media_type"`
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	// Encoding is the character encoding the bytes were decoded from.
	Encoding string `json:"encoding,omitempty"`
}

// Metadata is the bibliographic description of the document itself.
type Metadata struct {
	Title    string   `json:"title,omitempty"`
	Subtitle string   `json:"subtitle,omitempty"`
	Authors  []string `json:"authors,omitempty"`
	// Publisher is the organisation that published the document.
	Publisher string `json:"publisher,omitempty"`
	// Container is the larger work the document is part of (a book for a
	// chapter, a site for an article).
	Container string `json:"container,omitempty"`
	// Published is an ISO 8601 date at the precision the document gives.
	Published string `json:"published,omitempty"`
	Language  string `json:"language,omitempty"`
	URL       string `json:"url,omitempty"`
	// Evidence for the title, when it was found in the text.
	TitleEvidence *Evidence `json:"title_evidence,omitempty"`
}

// Span is a stretch of Document.Text in code points, start inclusive, end
// exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the span's length in code points.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether offset lies inside the span.
func (s Span) Contains(offset int) bool { return s.Start <= offset && offset < s.End }

// Overlaps reports whether the two spans share at least one code point.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Evidence is the exact text an item rests on and where it stands.
type Evidence struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Span returns the evidence's offsets.
func (e Evidence) Span() Span { return Span{e.Start, e.End} }

// Markup is structure recovered from the source format, in text offsets.
type Markup struct {
	// Links are hyperlinks: their anchor text span and target.
	Links []Link `json:"links,omitempty"`
	// Superscripts are spans set in superscript (note markers, mostly).
	Superscripts []Span `json:"superscripts,omitempty"`
	// Headings are heading lines with their level (1-6).
	Headings []Heading `json:"headings,omitempty"`
	// ListItems are list entries; ID is the element id when the source had
	// one (HTML note lists use it for "#fn1" links).
	ListItems []ListItem `json:"list_items,omitempty"`
}

// Link is a hyperlink in the source.
type Link struct {
	Span
	URL string `json:"url"`
	// ID is the link element's id attribute, if any.
	ID string `json:"id,omitempty"`
}

// Heading is a section heading.
type Heading struct {
	Span
	Level int `json:"level"`
}

// ListItem is one entry of a list in the source.
type ListItem struct {
	Span
	ID      string `json:"id,omitempty"`
	Ordered bool   `json:"ordered,omitempty"`
	// Number is the item's ordinal in an ordered list (1-based).
	Number int `json:"number,omitempty"`
}

// runeIndex converts between byte and code-point offsets of one text.
type runeIndex struct {
	ascii bool
	// starts[i] is the byte offset of code point i; only when !ascii.
	starts []int
	nbytes int
}

func (d *Document) runes() *runeIndex {
	if d.index != nil && d.index.nbytes == len(d.Text) {
		return d.index
	}
	ix := &runeIndex{nbytes: len(d.Text)}
	n := utf8.RuneCountInString(d.Text)
	if n == len(d.Text) {
		ix.ascii = true
	} else {
		ix.starts = make([]int, 0, n+1)
		for i := range d.Text {
			ix.starts = append(ix.starts, i)
		}
	}
	d.index = ix
	return ix
}

// RuneLen is the length of Text in code points.
func (d *Document) RuneLen() int {
	ix := d.runes()
	if ix.ascii {
		return len(d.Text)
	}
	return len(ix.starts)
}

// RuneOffset converts a byte offset into Text to a code-point offset. A byte
// offset inside a multi-byte character maps to that character.
func (d *Document) RuneOffset(b int) int {
	ix := d.runes()
	if ix.ascii {
		return b
	}
	if b >= len(d.Text) {
		return len(ix.starts)
	}
	i := sort.SearchInts(ix.starts, b)
	if i < len(ix.starts) && ix.starts[i] == b {
		return i
	}
	return i - 1
}

// ByteOffset converts a code-point offset into Text to a byte offset.
func (d *Document) ByteOffset(r int) int {
	ix := d.runes()
	if ix.ascii {
		return r
	}
	if r >= len(ix.starts) {
		return len(d.Text)
	}
	if r < 0 {
		return 0
	}
	return ix.starts[r]
}

// Slice returns the text of a code-point span.
func (d *Document) Slice(s Span) string {
	return d.Text[d.ByteOffset(s.Start):d.ByteOffset(s.End)]
}

// EvidenceAt builds the Evidence of a code-point span.
func (d *Document) EvidenceAt(s Span) Evidence {
	return Evidence{Text: d.Slice(s), Start: s.Start, End: s.End}
}

// EvidenceBytes builds the Evidence of a byte span of Text, the form Go's
// string and regexp functions report.
func (d *Document) EvidenceBytes(start, end int) Evidence {
	return Evidence{Text: d.Text[start:end], Start: d.RuneOffset(start), End: d.RuneOffset(end)}
}

// Grounded reports whether ev's offsets point exactly at its text.
func (d *Document) Grounded(ev Evidence) bool {
	if ev.Start < 0 || ev.End < ev.Start || ev.End > d.RuneLen() {
		return false
	}
	return d.Slice(ev.Span()) == ev.Text
}

// InBoilerplate reports whether the code-point offset lies in a span the
// cleaner marked as boilerplate.
func (d *Document) InBoilerplate(offset int) bool {
	i := sort.Search(len(d.Boilerplate), func(i int) bool { return d.Boilerplate[i].End > offset })
	return i < len(d.Boilerplate) && d.Boilerplate[i].Start <= offset
}

// SentenceAt returns the index of the sentence containing the code-point
// offset, or -1.
func (d *Document) SentenceAt(offset int) int {
	i := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > offset })
	if i < len(d.Sentences) && d.Sentences[i].Start <= offset {
		return i
	}
	return -1
}

// Warn records a warning on the document.
func (d *Document) Warn(stage, code, message string, ev *Evidence) {
	d.Warnings = append(d.Warnings, Warning{Stage: stage, Code: code, Message: message, Evidence: ev})
}
