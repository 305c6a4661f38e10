package refparse

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/dossier-dev/dossier/schema"
)

var (
	reNoteNumber = regexp.MustCompile(`^\s*(?:\[\d{1,4}\]|\d{1,4}[.)])\s*(?:\|\s*)?`)
	reCue        = regexp.MustCompile(`(?i)(?:^|[.;:,]\s+|\s)(?:for example,?\s+|e\.g\.,?\s+)?(?:see(?: also)?|cf\.|quoted in|cited in)(?:,? (?:e\.g\.|for example),?)?\s+`)
	reStrongRef  = regexp.MustCompile(`(?i)\b(?:vol\.|pp\.|ed\.|eds\.|press\b|working paper\b|journal\b|doi\b)`)
	rePubParen   = regexp.MustCompile(`\([^()]*[:,][^()]*,\s*\d{4}\)`)
	reCRSReport  = regexp.MustCompile(`^(.*?\b(?:(?:Report|Paper|Brief)\s+(?:No\.\s*)?[A-Z]*-?\d+[A-Z]?|\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)*\s+[A-Z]{1,4}-?\d{3,}[A-Z]?)),\s+(\p{Lu}.+?),\s+(?:coordinated |edited |compiled |written )?by\s+(\p{Lu}.+?)\.?$`)
	reReportNo   = regexp.MustCompile(`\b(?:Report|Paper|Brief)\s+(?:No\.\s*)?[A-Z]*-?\d`)
	reFullDate   = regexp.MustCompile(`(?:` + monthRe + `)\s*\d{1,2},?\s+\d{4}|\b\d{1,2}\s+(?:` + monthRe + `)\s+\d{4}|\(\s*(?:[^()]*[,:]\s*)?\d{4}\s*\)`)
)

// parseNote finds the sources a note cites. A note is cut into pieces at
// citation cues ("See", "cf.") and at the end of each source (after its
// URL or "Accessed" date); explanatory sentences before or after a source
// are dropped; a piece counts as a source when it carries enough
// bibliographic signals (URL, DOI, accessed date, quoted title after a
// name, full date, publisher or report markers).
func parseNote(note string) (string, []schema.CSLItem) {
	note = strings.Join(strings.Fields(strings.ToValidUTF8(note, "\uFFFD")), " ")
	note = reNoteNumber.ReplaceAllString(note, "")
	if note == "" {
		return schema.KindNote, nil
	}
	var items []schema.CSLItem
	for _, piece := range notePieces(note) {
		if s := refStretch(piece); s != "" {
			it := parseNoteRef(s)
			if it.Title != "" || it.URL != "" || len(it.Author) > 0 {
				items = append(items, it)
			}
		}
	}
	if len(items) == 0 {
		return schema.KindNote, nil
	}
	return schema.KindReference, items
}

// notePieces cuts a note where one source ends or a cue introduces one.
func notePieces(note string) []string {
	var cuts []int
	for _, m := range reCue.FindAllStringIndex(note, -1) {
		cuts = append(cuts, m[1])
	}
	// after an Accessed clause or a URL followed by a sentence end
	for _, m := range reAccessed.FindAllStringIndex(note, -1) {
		if _, n := findDate(note[m[1]:]); n > 0 {
			cuts = append(cuts, m[1]+n)
		}
	}
	for _, m := range reURL.FindAllStringIndex(note, -1) {
		end := m[1]
		rest := note[end:]
		if strings.HasPrefix(rest, ";") || strings.HasPrefix(rest, " ") && end > 0 && strings.ContainsAny(note[end-1:end], ".;") {
			cuts = append(cuts, end)
		}
	}
	// semicolons between sources, outside brackets and quotes
	var nest nesting
	for i, r := range note {
		if outside := nest.step(r); r == ';' && outside {
			cuts = append(cuts, i+1)
		}
	}
	sortInts(cuts)
	var pieces []string
	last := 0
	for _, c := range cuts {
		if c <= last || c > len(note) {
			continue
		}
		if p := strings.TrimSpace(note[last:c]); p != "" {
			pieces = append(pieces, p)
		}
		last = c
	}
	if p := strings.TrimSpace(note[last:]); p != "" {
		pieces = append(pieces, p)
	}
	// a piece without signals of its own belongs to the previous one
	// ("Trade Data Monitor LLC; commodity 1201, https://…")
	var out []string
	for i, p := range pieces {
		if i > 0 && strings.HasSuffix(pieces[i-1], ";") && len(out) > 0 && (signals(pieces[i-1]) < 2 || isBareLaw(pieces[i-1]) && isBareLaw(p)) {
			out[len(out)-1] += " " + p
			continue
		}
		out = append(out, p)
	}
	return out
}

// refStretch drops explanatory sentences around a source and returns the
// source text, or "" when the piece does not look like one.
func refStretch(piece string) string {
	piece = strings.TrimRight(strings.TrimSpace(piece), " ;.")
	piece = strings.TrimSpace(strings.TrimRight(piece, " ."))
	if piece == "" {
		return ""
	}
	sents := sentences(piece)
	// drop leading and trailing prose
	i, j := 0, len(sents)
	for i < j && isProse(sents[i]) && signals(strings.Join(sents[i+1:j], " ")) >= 2 {
		i++
	}
	for j > i+1 && (isProse(sents[j-1]) || endsWithDate(sents[j-2]) && isCommentary(sents[j-1])) && signals(strings.Join(sents[i:j-1], " ")) >= 2 {
		j--
	}
	s := strings.Join(sents[i:j], " ")
	if signals(s) < 2 || (i == j-1 && isProse(s) && !hasHardSignal(s)) {
		return ""
	}
	return s
}

// signals counts bibliographic evidence in a stretch.
func signals(s string) int {
	n := 0
	if hasHardIdentifier(s) {
		n += 3
	}
	if mayHaveAccessed(s) && reAccessed.MatchString(s) {
		n += 2
	}
	if mayLegislation(s) && reLegislation.MatchString(s) {
		n += 2
	}
	if strings.Contains(s, "Report") || strings.Contains(s, "Paper") || strings.Contains(s, "Brief") {
		if reReportNo.MatchString(s) {
			n += 2
		}
	} else if crsReport(s) != nil {
		n += 2 // "Series IF1234, Title, by Name": numbered series and by-line
	}
	if _, ok := unquotedShape(s); ok {
		n += 2
	}
	if quotedAfterName(s) {
		n += 2
	}
	paren := strings.Contains(s, "(")
	if paren && rePubParen.MatchString(s) {
		n += 2
	}
	if (paren || hasMonth(s)) && reFullDate.MatchString(s) {
		n++
	}
	if mayStrongRef(s) && reStrongRef.MatchString(s) {
		n++
	}
	return n
}

// hasHardIdentifier: a URL or DOI.
func hasHardIdentifier(s string) bool {
	return mayHaveURL(s) && reURL.MatchString(s) || strings.Contains(s, "10.") && reDOI.MatchString(s)
}

func hasHardSignal(s string) bool {
	return hasHardIdentifier(s) || mayHaveAccessed(s) && reAccessed.MatchString(s)
}

// quotedAfterName: a quoted title right after a short capitalised stretch
// ending in "," or "." — "Rachman, Gideon. “…”".
func quotedAfterName(s string) bool {
	for _, q := range []string{"“", "\""} {
		i := strings.Index(s, q)
		if i <= 0 {
			continue
		}
		before := strings.TrimSpace(s[:i])
		if before == "" || !strings.ContainsAny(before[len(before)-1:], ",.") {
			continue
		}
		ws := strings.Fields(before)
		if len(ws) > 12 {
			ws = ws[len(ws)-12:]
		}
		caps := 0
		for _, w := range ws {
			if unicode.IsUpper(firstRune(core(w))) || core(w) == "" {
				caps++
			}
		}
		if caps*3 >= len(ws)*2 {
			return true
		}
	}
	return false
}

// isProse says whether a sentence reads as explanation: outside quotes,
// most of its words start in lower case.
func isProse(s string) bool {
	s = reQuoted.ReplaceAllString(s, " ")
	ws := strings.Fields(s)
	if len(ws) < 6 {
		return false
	}
	lower := 0
	for _, w := range ws {
		if unicode.IsLower(firstRune(core(w))) {
			lower++
		}
	}
	return lower*2 >= len(ws)
}

var reQuoted = regexp.MustCompile(`“[^”]*”|"[^"]*"`)

// sentences splits at ". " before a capital or quote, but not after
// initials and common abbreviations, and not inside quotes or brackets.
func sentences(s string) []string {
	var out []string
	start := 0
	var nest nesting
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if !nest.step(rs[i]) {
			continue
		}
		end := i
		if (rs[i] == '.' || rs[i] == '”' && i > 0 && rs[i-1] == '.' || rs[i] == '?' || rs[i] == '!') && i+2 < len(rs) && rs[i+1] == ' ' {
			nx := rs[i+2]
			if !(unicode.IsUpper(nx) || nx == '“' || nx == '"') {
				continue
			}
			// the word before the stop, found by walking back to the last
			// space (not by splitting the whole sentence so far: that made
			// long runs of abbreviations quadratic)
			we := end
			for we > start && unicode.IsSpace(rs[we-1]) {
				we--
			}
			ws := we
			for ws > start && !unicode.IsSpace(rs[ws-1]) {
				ws--
			}
			word := string(rs[ws:we])
			if rs[i] == '.' && isAbbrev(word) {
				continue
			}
			out = append(out, strings.TrimSpace(string(rs[start:i+1])))
			start = i + 1
		}
	}
	if t := strings.TrimSpace(string(rs[start:])); t != "" {
		out = append(out, t)
	}
	return out
}

func lastWord(s string) string {
	ws := strings.Fields(s)
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}

var reShortAbbrev = regexp.MustCompile(`^(?:\p{Lu}|\p{Lu}\.\p{Lu}|(?:\p{Lu}\.)+\p{Lu}|Mr|Mrs|Ms|Dr|St|Jr|Sr|No|Vol|vol|pp|eds?|Inc|Ltd|Co|Corp|etc|al|cf|e\.g|i\.e|Gen|Gov|Sen|Rep|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$`)

func isAbbrev(w string) bool { return reShortAbbrev.MatchString(strings.TrimLeft(w, "(“\"")) }

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// parseNoteRef parses one source found in a note, with the note styles the
// tagger does not know: statutes cited bare, and report series with the
// author at the end ("CRS Report R1, Title, by Name").
func parseNoteRef(s string) schema.CSLItem {
	s = strings.TrimSpace(s)
	if isBareLaw(s) {
		return schema.CSLItem{Type: "legislation", Title: lawTitle(s)}
	}
	if u, ok := unquotedShape(s); ok {
		return parseUnquoted(s, u)
	}
	if it, ok := parseAnalysisOf(s); ok {
		return it
	}
	if it, ok := parseInstitutionalList(s); ok {
		return it
	}
	if m := crsReport(s); m != nil && !strings.ContainsAny(m[2], "“\"") {
		return schema.CSLItem{Type: "report", ContainerTitle: m[1], Title: cleanTitle(m[2]), Author: ParseNames(m[3])}
	}
	s = cutAfterImprint(s)
	it := parseRef(s)
	editorSentence(s, &it)
	placeAfterQuote(s, &it)
	return it
}

// reImprint is a note's parenthesised imprint ending a sentence,
// "(Tokyo: Publisher, 2005)." ; reSentenceAfter a prose sentence after it.
var (
	reImprint       = regexp.MustCompile(`\([^()]*:[^()]*,\s*\d{4}\)\.\s+`)
	reSentenceAfter = regexp.MustCompile(`^\p{Lu}\p{Ll}*(?:\s+\S+){2,}$`)
)

// cutAfterImprint drops a sentence of commentary after a Chicago note's
// imprint: in "Name. Title (Place: Publisher, Year). Minister X said so
// in 2006." the source ends at the imprint.
func cutAfterImprint(s string) string {
	loc := reImprint.FindStringIndex(s)
	if loc == nil {
		return s
	}
	rest := strings.TrimSpace(s[loc[1]:])
	if reSentenceAfter.MatchString(rest) && !hasHardSignal(rest) && !reFullDate.MatchString(rest) {
		return strings.TrimSpace(s[:loc[1]])
	}
	return s
}

// reEditorList is a sentence that is a list of names closed by "eds."
// ("Arbatov, Aleksei, Karl Kaiser, and Robert Legvold, eds.").
var reEditorList = regexp.MustCompile(`(?:^|[.”]\s+)(\p{Lu}[^.“”"();:]{2,200}?),?\s+\(?(?:eds?|editors?)\.?\)?(?:[.,]|\s|$)`)

// editorSentence reads such a sentence as the editors when the tagger did
// not: the "eds." marker covers every name of its sentence.
func editorSentence(s string, it *schema.CSLItem) {
	m := reEditorList.FindStringSubmatch(s)
	if m == nil {
		return
	}
	names := ParseNames(m[1])
	split := it.Genre != "" && strings.Contains(m[1], it.Genre) // the tagger cut the list
	if len(names) == 0 || len(names) < len(it.Editor) || len(names) == len(it.Editor) && !split {
		return
	}
	it.Editor = names
	if it.Genre != "" && strings.Contains(m[1], it.Genre) {
		it.Genre = ""
	}
	if len(it.Author) > 0 && strings.Contains(m[1], namesText(it.Author)[0]) {
		it.Author = nil
	}
}

// isBareLaw: a statute or public law cited on its own ("46 U.S.C. §5",
// "P.L. 116-283, §3511"), short, unquoted and without a URL. A list of
// them joined by semicolons is one citation.
func isBareLaw(s string) bool {
	return mayLegislation(s) && reLegislation.MatchString(s) && !strings.ContainsAny(s, "“\"") && len(strings.Fields(s)) <= 12 && !reURL.MatchString(s)
}

// reSeriesNo is a document number printed after its series' name,
// "In Focus IF10434", "Insight IN20011": letters glued to digits.
var reSeriesNo = regexp.MustCompile(`\b[A-Z]{1,4}-?\d{3,}[A-Z]?,`)

// crsReport matches reCRSReport, skipping the costly pattern when s lacks
// its literal parts.
func crsReport(s string) []string {
	if !strings.Contains(s, "by ") || !(strings.Contains(s, "Report") || strings.Contains(s, "Paper") || strings.Contains(s, "Brief") || reSeriesNo.MatchString(s)) {
		return nil
	}
	m := reCRSReport.FindStringSubmatch(s)
	if m == nil || reReportNo.MatchString(m[1]) {
		return m
	}
	// a series without "Report": the by-line must be a full name
	if len(strings.Fields(m[3])) < 2 || !allCaps(m[3]) {
		return nil
	}
	return m
}

// nesting tracks brackets and curly quotes while a note is scanned, so
// separators inside them are not taken as breaks.
type nesting struct {
	depth int
	inQ   bool
}

// step reads one rune and reports whether the scan is now outside every
// bracket and quotation.
func (n *nesting) step(r rune) bool {
	switch r {
	case '(', '[':
		n.depth++
	case ')', ']':
		n.depth--
	case '“':
		n.inQ = true
	case '”':
		n.inQ = false
	}
	return n.depth <= 0 && !n.inQ
}
