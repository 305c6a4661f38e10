package events

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/pipeline/timex"
	"github.com/dossier-dev/dossier/schema"
)

var (
	yearRE  = regexp.MustCompile(`^\d{4}$`)
	monthRE = regexp.MustCompile(`^\d{4}-\d{2}$`)
)

// normValue turns a TIMEX3 value into an event date value at the text's
// precision (timex.DateOf reads it); ok is false for values that date
// nothing on a calendar (PRESENT_REF, durations, centuries, unknown years).
// Events are dated on the calendar analysts sort by: a season ("autumn
// 2014", not an ISO 8601 date) counts as its year, a time as its day.
func normValue(v string) (string, schema.Precision, bool) {
	d, ok := timex.DateOf(schema.TimeExpr{Type: "DATE", Value: v})
	if !ok {
		return "", "", false
	}
	switch d.Precision {
	case schema.PrecisionSeason:
		return d.Value[:4], schema.PrecisionYear, true
	case schema.PrecisionTime:
		return d.Value[:10], schema.PrecisionDay, true
	case schema.PrecisionCentury:
		return "", "", false
	case schema.PrecisionDecade:
		return d.Value[:3] + "X", schema.PrecisionDecade, true
	}
	return d.Value, d.Precision, true
}

// dateOf converts a temporal expression into an event date.
func dateOf(te schema.TimeExpr) (schema.Date, bool) {
	if te.Type != "DATE" && te.Type != "TIME" && te.Type != "" {
		return schema.Date{}, false
	}
	v, prec, ok := normValue(te.Value)
	if !ok {
		return schema.Date{}, false
	}
	d := schema.Date{Value: v, Precision: prec, Text: te.Text, Start: te.Start, End: te.End, Inferred: te.Anchored}
	if te.EndValue != "" {
		if ev, _, ok := normValue(te.EndValue); ok && ev != v {
			d.EndValue = ev
		}
	}
	return d, true
}

// sentenceBytes returns the sentences as byte spans, or the lines when the
// segmenter did not run.
func sentenceBytes(doc *schema.Document) [][2]int {
	var out [][2]int
	if len(doc.Sentences) > 0 {
		for _, s := range doc.Sentences {
			out = append(out, [2]int{doc.ByteOffset(s.Start), doc.ByteOffset(s.End)})
		}
		return out
	}
	start := 0
	for i := 0; i <= len(doc.Text); i++ {
		if i == len(doc.Text) || doc.Text[i] == '\n' {
			if strings.TrimSpace(doc.Text[start:i]) != "" {
				out = append(out, [2]int{start, i})
			}
			start = i + 1
		}
	}
	return out
}

// paragraphIndex maps each sentence to its paragraph (-1 when unknown,
// then each sentence is its own paragraph unless on one line).
func paragraphIndex(doc *schema.Document, sents [][2]int) []int {
	out := make([]int, len(sents))
	for i, s := range sents {
		r := doc.RuneOffset(s[0])
		out[i] = -1 - i
		for pi, p := range doc.Paragraphs {
			if p.Contains(r) {
				out[i] = pi
				break
			}
		}
	}
	return out
}

// inCitation returns the citation span containing byte b, if any.
func inCitation(doc *schema.Document, r int) (schema.Span, bool) {
	for _, c := range doc.Citations {
		sp := c.Evidence.Span()
		if sp.Len() > 0 && sp.Contains(r) && !inlineLink(c) {
			return sp, true
		}
	}
	return schema.Span{}, false
}

// titleLine reports a sentence that is the title and a date with at
// most a few words besides ("TITLE April 10, 2026 (R48903)").
func titleLine(sent, title string) bool {
	k := strings.Index(sent, title)
	if k < 0 {
		return false
	}
	rest := tokenize(sent[:k]+" "+sent[k+len(title):], 0)
	n := 0
	for _, t := range rest {
		if !monthNames[t.w[:min(3, len(t.w))]] && !isNumber(t.w) {
			n++
		}
	}
	return n <= 2
}

var monthNames = map[string]bool{"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "oct": true, "nov": true, "dec": true}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// inlineLink reports a citation that is a link on words of the body
// ("requested … for [FY2027](url)"): its evidence is its own marker, and
// the words stay body text.
func inlineLink(c schema.Citation) bool {
	for _, m := range c.Markers {
		if m.Start == c.Evidence.Start && m.End == c.Evidence.End {
			return true
		}
	}
	return false
}

// quoted reports whether the text ends inside an open quotation.
func quoted(s string) bool {
	open := strings.Count(s, "“") - strings.Count(s, "”")
	return open > 0 || strings.Count(s, `"`)%2 == 1
}

// candidates lists the dates that may date an event.
func (s *Stage) candidates(doc *schema.Document) []dated {
	text := doc.Text
	sents := sentenceBytes(doc)
	var out []dated
	seenNamed := map[string]bool{}
	lastYear := ""
	// A line that repeats the document's title next to a date is a
	// running header or cover line: its date is the publication's.
	title := strings.TrimSpace(doc.Metadata.Title)
	if len([]rune(title)) < 15 {
		title = ""
	}
	// A month without a year takes the last year written only when that
	// year is near: in this paragraph or the one before. Further away the
	// tagger's reading (against the publication date) is the better one:
	// a news story names "December 2024" in its background and "in July"
	// for this year's news three paragraphs on.
	lastYearPara := -1 << 30
	paraAt := func(r int) int {
		for pi, p := range doc.Paragraphs {
			if p.Contains(r) {
				return pi
			}
		}
		return -1
	}
	for ti, te := range doc.Dates {
		d, ok := dateOf(te)
		if !ok {
			continue
		}
		b0, b1 := doc.ByteOffset(te.Start), doc.ByteOffset(te.End)
		if doc.InBoilerplate(te.Start) {
			continue
		}
		ss, se := 0, len(text)
		for _, sb := range sents {
			if b0 >= sb[0] && b0 < sb[1] {
				ss, se = sb[0], sb[1]
				break
			}
		}
		if se < b1 {
			se = b1
		}
		if title != "" && titleLine(text[ss:se], title) {
			continue
		}
		// A line that is only a date, or a news dateline ("BRUSSELS,
		// Sept. 5 —"), dates the document, not a happening.
		if strings.TrimSpace(text[ss:se]) == strings.TrimSpace(text[b0:b1]) || dateline(text, b0, b1) {
			continue
		}
		before := tokenize(text[ss:b0], ss)
		after := tokenize(text[b1:se], b1)
		// The comparison may be the expression itself ("the same period").
		withDate := append(append([]token{}, before...), tokenize(text[b0:b1], b0)...)
		if s.publication.contains(before) || s.comparison.endsWith(before) || s.comparison.endsWith(withDate) || s.horizon.startsWith(after) {
			continue
		}
		near := before
		if len(near) > 8 {
			near = near[len(near)-8:]
		}
		if s.forecast.contains(near) {
			continue
		}
		if csp, ok := inCitation(doc, te.Start); ok {
			cb := doc.ByteOffset(csp.Start)
			if cb > b0 {
				cb = b0
			}
			// In notes, only a date a preposition introduces dates a
			// happening; the rest are bibliographic.
			if !s.temporal.endsWith(before) || quoted(text[cb:b0]) {
				continue
			}
		}
		// A named thing dated again ("the Declaration of 1956" after "the
		// Joint Declaration of 1956") is not a new event.
		if name := namedBefore(text[ss:b0]); name != "" {
			key := d.Value + "|" + name
			if seenNamed[key] {
				continue
			}
			seenNamed[key] = true
		}
		para := paraAt(te.Start)
		if te.Anchored {
			if y := coordinatedYear(doc, ti); y != "" {
				d = narrativeYear(d, y)
			} else if para < 0 || para-lastYearPara <= 1 {
				d = narrativeYear(d, lastYear)
			}
		} else if y := yearOf(d.Value); y != "" && yearInText.MatchString(te.Text) {
			lastYear, lastYearPara = y, para
		}
		out = append(out, dated{date: d, start: b0, end: b1})
	}
	return out
}

// dateline reports a date that opens a news story after its place name
// in capitals and before a dash: "BRUSSELS, Sept. 5 —", "KYIV, Ukraine,
// March 3 (Reuters) -".
func dateline(text string, b0, b1 int) bool {
	ls := strings.LastIndexByte(text[:b0], '\n') + 1
	if !datelinePlace.MatchString(text[ls:b0]) {
		return false
	}
	rest := text[b1:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	return datelineDash.MatchString(rest)
}

var (
	datelinePlace = regexp.MustCompile(`^\p{Lu}[\p{Lu} .'-]+,(?:\s+\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)*,)?\s*$`)
	datelineDash  = regexp.MustCompile(`^,?\s*(?:\d{4}\s*)?(?:\([^)]*\)\s*)?[—–-]`)
	yearInText    = regexp.MustCompile(`\b\d{4}\b`)
	monthWord     = regexp.MustCompile(`^(?i:(?:in |on |early |late |mid-?)*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)(?:\s+\d{1,2})?$`)
)

// coordinatedYear returns the year written on the next date when date i
// is a bare month joined to it ("January and February 2014", "May to
// June 2019"): both months belong to that year.
func coordinatedYear(doc *schema.Document, i int) string {
	if i+1 >= len(doc.Dates) {
		return ""
	}
	te, n := doc.Dates[i], doc.Dates[i+1]
	if n.Anchored || !yearInText.MatchString(n.Text) || n.Start < te.End || n.Start-te.End > 12 {
		return ""
	}
	between := strings.TrimSpace(doc.Slice(schema.Span{Start: te.End, End: n.Start}))
	switch between {
	case "and", "or", "to", "through", "until", "-", "–", "—":
		return yearOf(n.Value)
	}
	return ""
}

func yearOf(v string) string {
	if len(v) >= 4 && yearRE.MatchString(v[:4]) {
		return v[:4]
	}
	return ""
}

// narrativeYear dates a month named without a year ("in April") by the
// last year the text wrote out before it: a history names the year once
// and then the months, whatever the publication date.
func narrativeYear(d schema.Date, lastYear string) schema.Date {
	if lastYear == "" || !monthWord.MatchString(strings.TrimSpace(d.Text)) || len(d.Value) < 7 || d.EndValue != "" {
		return d
	}
	d.Value = lastYear + d.Value[4:]
	return d
}

// namedBefore returns the name a date qualifies: "Declaration" in "the
// Joint Declaration of 1956", "14347" in "Executive Order 14347 dated …".
func namedBefore(prefix string) string {
	toks := tokenize(prefix, 0)
	if len(toks) < 2 {
		return ""
	}
	last := toks[len(toks)-1].w
	if last != "of" && last != "dated" {
		return ""
	}
	// Only the same raw word, capitalised or a number, counts as a name.
	w := toks[len(toks)-2]
	raw := prefix[w.start:w.end]
	r, _ := utf8.DecodeRuneInString(raw)
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		return raw
	}
	return ""
}

// clauses splits the sentence [st, en) at the configured clause breaks; a
// subordinate clause without a date ends at its first comma, and a clause
// that is only a date ("On November 14, 2004,") joins the next one.
func (s *Stage) clauses(text string, st, en int, here []dated) []clause {
	sent := text[st:en]
	cuts := []int{0}
	for _, b := range s.breaks {
		for off := 0; ; {
			k := strings.Index(sent[off:], b)
			if k < 0 {
				break
			}
			pos := off + k
			// Cut after punctuation, before the joining word.
			cut := pos + len(strings.TrimRight(b, " "))
			if b[0] == ',' || b[0] == ' ' {
				cut = pos + 1
				if b[0] == ' ' {
					cut = pos
				}
			}
			cuts = append(cuts, cut)
			off = pos + len(b)
		}
	}
	cuts = append(cuts, len(sent))
	sortInts(cuts)
	var out []clause
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		if a == b {
			continue
		}
		// Trim spaces and leading punctuation; keep the text exact.
		for a < b && strings.ContainsRune(" \n\t,;:–—", rune(sent[a])) {
			_, sz := utf8.DecodeRuneInString(sent[a:])
			a += sz
		}
		for b > a && strings.ContainsRune(" \n\t", rune(sent[b-1])) {
			b--
		}
		if b-a < 3 {
			continue
		}
		toks := tokenize(sent[a:b], st+a)
		out = append(out, clause{start: st + a, end: st + b, toks: toks})
	}
	if len(out) == 0 {
		out = append(out, clause{start: st, end: en, toks: tokenize(sent, st)})
	}
	hasDate := func(a, b int) bool {
		for _, d := range here {
			if d.start >= a && d.start < b {
				return true
			}
		}
		return false
	}
	var split []clause
	for _, c := range out {
		if len(c.toks) > 0 && s.subord[c.toks[0].w] && !hasDate(c.start, c.end) {
			if k := strings.Index(text[c.start:c.end], ", "); k > 0 && c.start+k+2 < c.end {
				a := clause{start: c.start, end: c.start + k}
				b := clause{start: c.start + k + 2, end: c.end}
				a.toks, b.toks = tokenize(text[a.start:a.end], a.start), tokenize(text[b.start:b.end], b.start)
				split = append(split, a, b)
				continue
			}
		}
		split = append(split, c)
	}
	out = split
	var merged []clause
	for i := 0; i < len(out); i++ {
		c := out[i]
		if i+1 < len(out) && dateOnly(c, here) {
			n := out[i+1]
			c = clause{start: c.start, end: n.end, toks: tokenize(text[c.start:n.end], c.start)}
			i++
		}
		merged = append(merged, c)
	}
	out = splitBetweenDates(text, merged, here)
	for i := range out {
		out[i].hits = dropInNames(text, out[i].toks, s.dropSuppressed(out[i].toks, s.triggers.find(out[i].toks, s.past)))
	}
	return out
}

// splitBetweenDates cuts a clause that tells two dated happenings
// ("The Declaration, signed … in October 1993, recognized the Declaration
// of 1956"; "sat together … in October 2014 and conducted a meeting … in
// November 2014") at the first comma or "and" after each date but the
// last, so that each happening has its own evidence, actors and type.
func splitBetweenDates(text string, cs []clause, here []dated) []clause {
	var out []clause
	for _, c := range cs {
		var in []dated
		for _, d := range here {
			if d.start >= c.start && d.start < c.end {
				in = append(in, d)
			}
		}
		start := c.start
		for i := 0; i+1 < len(in); i++ {
			a, b := in[i], in[i+1]
			if a.date.Value == b.date.Value && a.date.EndValue == b.date.EndValue || b.start <= a.end || a.end < start {
				continue
			}
			gap := text[a.end:b.start]
			if len(tokenize(gap, 0)) < 3 {
				continue
			}
			k, skip := -1, 0
			for _, sep := range []string{", ", " and "} {
				if j := strings.Index(gap, sep); j >= 0 && (k < 0 || j < k) {
					k, skip = j, len(sep)
					if sep == " and " {
						skip = 1
					}
				}
			}
			if k < 0 {
				continue
			}
			cut := a.end + k
			out = append(out, clause{start: start, end: cut, toks: tokenize(text[start:cut], start)})
			start = a.end + k + skip
		}
		if start == c.start {
			out = append(out, c)
			continue
		}
		out = append(out, clause{start: start, end: c.end, toks: tokenize(text[start:c.end], start)})
	}
	return out
}

func sortInts(xs []int) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// dropNamedRepeats drops a bare year written before a name ("the 1993
// Tokyo Declaration", "(1952 Order)") when the sentence has another date:
// it names a thing dated elsewhere, not a happening of this sentence.
func (s *Stage) dropNamedRepeats(text string, here []dated) []dated {
	if len(here) < 2 {
		return here
	}
	var out []dated
	for _, d := range here {
		if prenominal(text, d) {
			continue
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return here[:1]
	}
	return out
}

func prenominal(text string, d dated) bool {
	raw := text[d.start:d.end]
	if !(yearRE.MatchString(raw) || fyRE.MatchString(raw)) {
		return false
	}
	rest := text[d.end:]
	if !strings.HasPrefix(rest, " ") || len(rest) < 2 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest[1:])
	return unicode.IsUpper(r)
}

// dateOnly reports a clause made of a date and at most two other words.
func dateOnly(c clause, here []dated) bool {
	rest := 0
	for _, t := range c.toks {
		in := false
		for _, d := range here {
			if t.start >= d.start && t.end <= d.end {
				in = true
				break
			}
		}
		if !in {
			rest++
		}
	}
	return rest <= 2 && rest < len(c.toks)
}

// mergeRanges joins two dates of equal precision written "January and
// February 2014" into one range.
//
// A later date introduced by "through", "until" or "as of" in the same
// clause ends a range begun by the one before ("waived the act on March
// 17 for 60 days—through May 17"; "were there in February and had not
// left as of April 1").
func (s *Stage) mergeRanges(text string, here []dated) []dated {
	var out []dated
	for i := 0; i < len(here); i++ {
		d := here[i]
		if i+1 < len(here) {
			n := here[i+1]
			if n.start > d.end && n.start-d.end < 160 && d.date.EndValue == "" && n.date.EndValue == "" && d.date.Value < n.date.Value &&
				!strings.ContainsAny(text[d.end:n.start], ";()") && s.rangeEnd.endsWith(tokenize(text[d.end:n.start], d.end)) {
				d.date.EndValue = n.date.Value
				out = append(out, d)
				i++
				continue
			}
			// "ratified it in January and February 2024 respectively" is
			// two happenings, not one range.
			if n.start > d.end && strings.TrimSpace(text[d.end:n.start]) == "and" && !respectively(text[n.end:]) &&
				d.date.EndValue == "" && n.date.EndValue == "" && d.date.Precision == n.date.Precision && d.date.Value < n.date.Value {
				d.date.EndValue = n.date.Value
				d.date.Text = text[d.start:n.end]
				d.end = n.end
				d.date.End = n.date.End
				i++
			}
		}
		out = append(out, d)
	}
	return out
}

// respectively reports text that opens with "respectively": the dates
// before it pair off with as many happenings.
func respectively(rest string) bool {
	rest = strings.TrimLeft(rest, " ,")
	return strings.HasPrefix(rest, "respectively")
}

// dropInNames removes trigger verbs written with a capital inside a run
// of capitalised words: "the Intergovernmental Negotiating Body" names a
// body, it does not negotiate. A capital at the clause's start is the
// sentence's, not a name's.
func dropInNames(text string, toks []token, hits []hit) []hit {
	capital := func(t token) bool {
		r, _ := utf8.DecodeRuneInString(text[t.start:t.end])
		return unicode.IsUpper(r)
	}
	out := hits[:0]
	for _, h := range hits {
		k := 0
		for k < len(toks) && toks[k].start < h.start {
			k++
		}
		if h.verb && k > 0 && k < len(toks) && capital(toks[k]) &&
			(capital(toks[k-1]) || (k+1 < len(toks) && capital(toks[k+1]))) {
			continue
		}
		out = append(out, h)
	}
	return out
}
