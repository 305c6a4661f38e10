package citations

import (
	"sort"
	"strings"
)

// marker is an in-text pointer to one or more notes.
type marker struct {
	start, end int // bytes
	ids        []string
}

// findMarkers finds note markers outside the notes themselves. With notes
// given, markers that cannot name one of them are still returned (they
// become warnings); the "glued" pattern is tried only when nothing else
// marks the notes, and then only for numbers the notes have.
func (s *Stage) findMarkers(t *text, notes []note, region span) []marker {
	inNotes := func(b int) bool {
		if region.end > region.start && region.contains(b) {
			return true
		}
		for _, n := range notes {
			if (span{n.entry, n.end}).contains(b) {
				return true
			}
		}
		return false
	}
	var ms []marker
	add := func(start, end int, ids []string) {
		if len(ids) == 0 || end <= start || inNotes(start) {
			return
		}
		ms = append(ms, marker{start: start, end: end, ids: ids})
	}
	// Bracketed numbers, but not Markdown links to elsewhere ("[1](http…")
	// and not footnote definitions ("[^1]:").
	for _, m := range s.lx.bracketMarker.FindAllStringSubmatchIndex(t.s, -1) {
		rest := t.s[m[1]:]
		if strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "(http") {
			continue
		}
		if m[0] > 0 && t.s[m[0]-1] == '!' {
			continue
		}
		add(m[0], m[1], parseIDs(t.s[m[2]:m[3]]))
	}
	// Markdown footnote references with non-numeric labels ("[^a]").
	if t.md || !t.html {
		for i := 0; i+2 < len(t.s); i++ {
			if t.s[i] != '[' || t.s[i+1] != '^' {
				continue
			}
			j := strings.IndexByte(t.s[i:], ']')
			if j < 0 || j > 40 {
				continue
			}
			label := t.s[i+2 : i+j]
			if label == "" || strings.ContainsAny(label, " \t\n") || parseIDs(label) != nil {
				continue
			}
			if i+j+1 < len(t.s) && t.s[i+j+1] == ':' {
				continue
			}
			add(i, i+j+1, []string{label})
		}
	}
	for _, m := range s.lx.noteMarker.FindAllStringSubmatchIndex(t.s, -1) {
		add(m[0], m[1], parseIDs(t.s[m[2]:m[3]]))
	}
	for _, m := range s.lx.unicodeMarker.FindAllStringSubmatchIndex(t.s, -1) {
		add(m[0], m[1], parseIDs(t.s[m[2]:m[3]]))
	}
	// Superscripts and note links recorded by the HTML reader.
	for _, sup := range t.doc.Markup.Superscripts {
		a, b := t.doc.ByteOffset(sup.Start), t.doc.ByteOffset(sup.End)
		txt := strings.Trim(strings.TrimSpace(t.s[a:b]), "[]()")
		add(a, b, parseIDs(txt))
	}
	for _, l := range t.doc.Markup.Links {
		frag := l.URL
		if i := strings.LastIndexByte(frag, '#'); i >= 0 {
			frag = frag[i:]
		} else {
			continue
		}
		fm := s.lx.noteFragment.FindStringSubmatch(frag)
		if fm == nil {
			continue
		}
		a, b := t.doc.ByteOffset(l.Start), t.doc.ByteOffset(l.End)
		ids := parseIDs(strings.Trim(strings.TrimSpace(t.s[a:b]), "[]()"))
		if ids == nil {
			ids = parseIDs(fm[1])
		}
		add(a, b, ids)
	}
	if len(ms) == 0 && len(notes) > 0 {
		have := map[string]bool{}
		for _, n := range notes {
			have[n.label] = true
		}
		for _, m := range s.lx.gluedMarker.FindAllStringSubmatchIndex(t.s, -1) {
			id := parseIDs(t.s[m[2]:m[3]])
			if len(id) == 1 && have[id[0]] {
				add(m[2], m[3], id)
			}
		}
	}
	return dedupe(ms)
}

// dedupe drops markers inside another (a superscript and its link, a
// bracket inside a superscript), keeping the widest.
func dedupe(ms []marker) []marker {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].start != ms[j].start {
			return ms[i].start < ms[j].start
		}
		return ms[i].end > ms[j].end
	})
	out := ms[:0]
	for _, m := range ms {
		if len(out) > 0 && m.start < out[len(out)-1].end {
			continue
		}
		out = append(out, m)
	}
	return out
}
