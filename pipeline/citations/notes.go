package citations

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// noteStyle says how a note was written, which decides how far its text
// runs and how much the stage trusts it.
type noteStyle int

const (
	// styleNumbered: "1. text", "| 1. | text", "[1] text", "¹ text".
	styleNumbered noteStyle = iota
	// styleFootnote: a Markdown footnote definition "[^1]: text".
	styleFootnote
	// styleList: an HTML list item with a note id or under a notes heading.
	styleList
	// styleUnnumbered: a paragraph under a notes heading, numbered by order.
	styleUnnumbered
)

// note is one note found in the document, in byte offsets.
type note struct {
	label string
	// entry is where the note's line begins (its number included).
	entry int
	// start and end delimit the note's text, without its number.
	start, end int
	headed     bool
	style      noteStyle
}

// entry is a line that begins like a note.
type entry struct {
	line    int
	label   string
	n       int // the label as a number, or -1
	content int // byte offset where the note's text begins
	style   noteStyle
}

// findNotes returns the document's notes in order and the region they
// occupy, or nothing when the document has none.
func (s *Stage) findNotes(t *text) ([]note, span) {
	heads, ends, mdHeads := s.sectionLines(t)

	// Markdown footnote definitions are unambiguous.
	if t.md || !t.html {
		if notes := s.footnotes(t, heads, ends); len(notes) > 0 {
			return notes, regionOf(notes)
		}
	}
	if t.html {
		if notes := s.listNotes(t, heads, ends); len(notes) > 0 {
			return notes, regionOf(notes)
		}
	}
	if notes := s.numberedNotes(t, heads, ends, mdHeads); len(notes) > 0 {
		return notes, regionOf(notes)
	}
	if notes := s.unnumberedNotes(t, heads, ends, mdHeads); len(notes) > 0 {
		return notes, regionOf(notes)
	}
	return nil, span{}
}

func regionOf(notes []note) span {
	r := span{notes[0].entry, notes[0].end}
	for _, n := range notes[1:] {
		if n.entry < r.start {
			r.start = n.entry
		}
		if n.end > r.end {
			r.end = n.end
		}
	}
	return r
}

// sectionLines marks notes headings, section ends and any heading at all
// (Markdown "#" lines and HTML headings), by line index.
func (s *Stage) sectionLines(t *text) (heads, ends, anyHead map[int]bool) {
	heads, ends, anyHead = map[int]bool{}, map[int]bool{}, map[int]bool{}
	for i := range t.lines {
		ln := t.line(i)
		if len(ln) > 80 {
			continue
		}
		b := bare(ln)
		if s.lx.headings[b] {
			heads[i] = true
		}
		if s.lx.sectionEnds[b] {
			ends[i] = true
		}
		if t.md && strings.HasPrefix(strings.TrimSpace(ln), "#") {
			anyHead[i] = true
		}
	}
	for _, h := range t.doc.Markup.Headings {
		i := t.lineAt(t.doc.ByteOffset(h.Start))
		if i < len(t.lines) {
			anyHead[i] = true
		}
	}
	return heads, ends, anyHead
}

// headedAt reports whether a notes heading stands just above line i: only
// blank lines, or at most two short lines, between them.
func headedAt(t *text, heads map[int]bool, i int) bool {
	between := 0
	for j := i - 1; j >= 0 && j >= i-12; j-- {
		if heads[j] {
			return true
		}
		if !t.blank(j) {
			between++
			if between > 2 || len(t.line(j)) > 120 {
				return false
			}
		}
	}
	return false
}

// parseEntry reads a line that begins like a note.
func (s *Stage) parseEntry(t *text, i int, allowBare bool) (entry, bool) {
	ln := t.line(i)
	try := func(re *regexp.Regexp, st noteStyle) (entry, bool) {
		m := re.FindStringSubmatchIndex(ln)
		if m == nil {
			return entry{}, false
		}
		if strings.TrimSpace(strings.Trim(ln[m[1]:], "|")) == "" {
			return entry{}, false
		}
		label := fromSuperscript(ln[m[2]:m[3]])
		n, err := strconv.Atoi(label)
		if err != nil {
			n = -1
		}
		return entry{line: i, label: label, n: n, content: t.lines[i].start + m[1], style: st}, true
	}
	if e, ok := try(s.lx.numbered, styleNumbered); ok {
		return e, true
	}
	if e, ok := try(s.lx.bracketed, styleNumbered); ok {
		return e, true
	}
	if e, ok := try(s.lx.superscript, styleNumbered); ok {
		return e, true
	}
	if allowBare {
		return try(s.lx.bare, styleNumbered)
	}
	return entry{}, false
}

// footnotes finds Markdown footnote definitions.
func (s *Stage) footnotes(t *text, heads, ends map[int]bool) []note {
	var notes []note
	for i := range t.lines {
		ln := t.line(i)
		m := s.lx.footnote.FindStringSubmatchIndex(ln)
		if m == nil {
			continue
		}
		start := t.lines[i].start + m[1]
		end := t.lines[i].end
		// Continuation: indented lines, across single blank lines.
		for j := i + 1; j < len(t.lines); j++ {
			if t.blank(j) {
				if j+1 < len(t.lines) && indented(t.line(j+1)) {
					continue
				}
				break
			}
			if !indented(t.line(j)) || s.lx.footnote.MatchString(t.line(j)) {
				break
			}
			end = t.lines[j].end
		}
		sp := t.trimSpan(span{start, end})
		if sp.end <= sp.start {
			continue
		}
		notes = append(notes, note{label: ln[m[2]:m[3]], entry: t.lines[i].start, start: sp.start, end: sp.end,
			headed: headedAt(t, heads, i), style: styleFootnote})
	}
	return notes
}

func indented(s string) bool {
	return strings.HasPrefix(s, "  ") || strings.HasPrefix(s, "\t")
}

// listNotes finds HTML list items that are notes: items whose id names a
// note ("fn4"), or the ordered list right under a notes heading.
func (s *Stage) listNotes(t *text, heads, ends map[int]bool) []note {
	var notes []note
	items := t.doc.Markup.ListItems
	for _, li := range items {
		m := s.lx.noteFragment.FindStringSubmatch(li.ID)
		if m == nil {
			continue
		}
		sp := t.trimSpan(span{t.doc.ByteOffset(li.Start), t.doc.ByteOffset(li.End)})
		if sp.end <= sp.start {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		notes = append(notes, note{label: strconv.Itoa(n), entry: sp.start, start: sp.start, end: sp.end, headed: true, style: styleList})
	}
	if len(notes) > 0 {
		return notes
	}
	// The first ordered list after a notes heading (the longest such list
	// when several headings have one).
	for _, h := range sortedKeys(heads) {
		hb := t.lines[h].end
		var list []note
		for _, li := range items {
			b := t.doc.ByteOffset(li.Start)
			if b < hb || !li.Ordered {
				continue
			}
			if len(list) > 0 && li.Number != len(list)+1 && li.Number != 0 {
				break
			}
			if len(list) == 0 && !headedAt(t, heads, t.lineAt(b)) {
				break
			}
			sp := t.trimSpan(span{b, t.doc.ByteOffset(li.End)})
			if sp.end <= sp.start {
				continue
			}
			num := li.Number
			if num == 0 {
				num = len(list) + 1
			}
			list = append(list, note{label: strconv.Itoa(num), entry: sp.start, start: sp.start, end: sp.end, headed: true, style: styleList})
		}
		if len(list) > len(notes) {
			notes = list
		}
	}
	return notes
}

// numberedNotes finds the run of numbered lines 1, 2, 3, … that is the
// document's endnotes: under a notes heading if there is one, otherwise
// the longest run in the second half of the document.
func (s *Stage) numberedNotes(t *text, heads, ends, anyHead map[int]bool) []note {
	firstHead := len(t.lines)
	for h := range heads {
		if h < firstHead {
			firstHead = h
		}
	}
	var entries []entry
	for i := range t.lines {
		if e, ok := s.parseEntry(t, i, i > firstHead); ok && e.n >= 0 {
			entries = append(entries, e)
		}
	}
	type chain struct {
		es     []entry
		headed bool
	}
	var chains []chain
	var cur *chain
	for _, e := range entries {
		if cur != nil && e.n == cur.es[len(cur.es)-1].n+1 {
			cur.es = append(cur.es, e)
			continue
		}
		if e.n == 1 || headedAt(t, heads, e.line) {
			chains = append(chains, chain{es: []entry{e}, headed: headedAt(t, heads, e.line)})
			cur = &chains[len(chains)-1]
		}
	}
	best := -1
	score := func(c chain) int {
		v := len(c.es)
		if c.headed {
			v += 10000
		}
		return v
	}
	for i, c := range chains {
		// An unheaded run needs two entries; whether it is endnotes at
		// all is decided once markers are known (Stage.trustNotes).
		if !c.headed && len(c.es) < 2 {
			continue
		}
		if best < 0 || score(c) >= score(chains[best]) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	c := chains[best]
	notes := make([]note, 0, len(c.es))
	for k, e := range c.es {
		stop := len(t.lines)
		if k+1 < len(c.es) {
			stop = c.es[k+1].line
		}
		end := t.lines[e.line].end
		if !t.html {
			for j := e.line + 1; j < stop; j++ {
				if t.blank(j) || heads[j] || ends[j] || anyHead[j] {
					break
				}
				if _, ok := s.parseEntry(t, j, false); ok {
					break
				}
				end = t.lines[j].end
			}
		}
		sp := t.trimSpan(span{e.content, end})
		if sp.end <= sp.start {
			continue
		}
		notes = append(notes, note{label: e.label, entry: t.lines[e.line].start, start: sp.start, end: sp.end,
			headed: c.headed, style: styleNumbered})
	}
	return notes
}

// unnumberedNotes reads the entries under the last notes heading when they
// carry no numbers (a bibliography): one entry a paragraph, or a line in
// HTML, numbered in order.
func (s *Stage) unnumberedNotes(t *text, heads, ends, anyHead map[int]bool) []note {
	last := -1
	for h := range heads {
		if h > last {
			last = h
		}
	}
	if last < 0 {
		return nil
	}
	// In Markdown and HTML the heading must be a real heading, not a
	// table-of-contents entry; in plain text it must stand in the back
	// half, where endmatter is.
	if (t.md || t.html) && !anyHead[last] {
		return nil
	}
	if !t.md && !t.html && t.lines[last].start < len(t.s)/2 {
		return nil
	}
	var notes []note
	for i := last + 1; i < len(t.lines); i++ {
		if ends[i] || anyHead[i] || heads[i] {
			break
		}
		if t.blank(i) {
			continue
		}
		start := t.lines[i].start
		end := t.lines[i].end
		if !t.html {
			for i+1 < len(t.lines) && !t.blank(i+1) && !ends[i+1] && !anyHead[i+1] {
				i++
				end = t.lines[i].end
			}
		}
		sp := t.trimSpan(span{start, end})
		if sp.end <= sp.start {
			continue
		}
		notes = append(notes, note{label: strconv.Itoa(len(notes) + 1), entry: start, start: sp.start, end: sp.end,
			headed: true, style: styleUnnumbered})
	}
	return notes
}

func sortedKeys(m map[int]bool) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}
