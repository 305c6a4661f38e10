package positions

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/schema"
)

// Extractor is the positions stage.
type Extractor struct {
	lx *lexicon
}

// New loads the cue lexicon and the topic list (cfg.Extract.Topics, or the
// built-in one).
func New(cfg *config.Config) (*Extractor, error) {
	path := ""
	if cfg != nil {
		path = cfg.Extract.Topics
	}
	lx, err := loadLexicon(path)
	if err != nil {
		return nil, fmt.Errorf("positions: %w", err)
	}
	return &Extractor{lx: lx}, nil
}

// mention is an actor mention in byte offsets.
type mention struct {
	start, end int
	name, kind string
}

// holder is who holds a position.
type holder struct {
	name, kind string
}

// state carries what one document's extraction remembers between
// sentences: the last holders, for pronouns.
type state struct {
	doc        *schema.Document
	mentions   []mention
	author     holder
	lastPerson *holder
	lastGroup  []holder
	out        []schema.Position
	quotes     [][2]int // byte spans inside “curly quotes”
}

// quoteSpans pairs curly quotation marks; an unclosed one runs to the end
// of its paragraph.
func quoteSpans(text string) [][2]int {
	var out [][2]int
	open := -1
	for i, r := range text {
		switch {
		case r == '“':
			open = i
		case r == '”' && open >= 0:
			out = append(out, [2]int{open, i})
			open = -1
		case r == '\n' && open >= 0 && i+1 < len(text) && text[i+1] == '\n':
			open = -1
		}
	}
	return out
}

// quoted reports whether a byte offset lies inside quotation marks.
func (st *state) quoted(at int) bool {
	i := sort.Search(len(st.quotes), func(i int) bool { return st.quotes[i][1] > at })
	return i < len(st.quotes) && st.quotes[i][0] < at
}

// sentenceEnd is the byte end of the sentence holding offset at.
func sentenceEnd(st *state, at int) int {
	if i := st.doc.SentenceAt(st.doc.RuneOffset(at)); i >= 0 {
		return st.doc.ByteOffset(st.doc.Sentences[i].End)
	}
	return len(st.doc.Text)
}

var (
	enumItem    = regexp.MustCompile(`(?:^|[\s(])(\d)\)\s`)
	quoteOpen   = regexp.MustCompile(`\b(?:he|she|they|[A-Z]\w+) (?:explained|said|stated|noted|added|argued|told \w+|declared|insisted|remarked)[,:]?\s*[“"]`)
	possessive  = regexp.MustCompile(`(?:’s|'s) position is that`)
	leadingConj = regexp.MustCompile(`(?i)^(?:and|or|but|while|whereas|however,?|instead,?|thus,?|therefore,?)\s+`)
)

// Process extracts the document's positions.
func (e *Extractor) Process(_ context.Context, doc *schema.Document) error {
	st := &state{doc: doc, author: authorOf(doc), quotes: quoteSpans(doc.Text)}
	for _, a := range doc.Actors {
		for _, m := range a.Mentions {
			st.mentions = append(st.mentions, mention{doc.ByteOffset(m.Start), doc.ByteOffset(m.End), a.Name, a.Kind})
		}
	}
	// The author named in the text ("Ingrid Lunde argues that …") holds
	// what the sentence says, like any actor.
	for _, name := range doc.Metadata.Authors {
		for i := 0; ; {
			j := strings.Index(doc.Text[i:], name)
			if j < 0 {
				break
			}
			st.mentions = append(st.mentions, mention{i + j, i + j + len(name), name, "author"})
			i += j + len(name)
		}
	}
	// Longest first at each start, then drop mentions inside another
	// ("Maroš" inside "Maroš Šefčovič").
	sort.Slice(st.mentions, func(i, j int) bool {
		a, b := st.mentions[i], st.mentions[j]
		return a.start < b.start || a.start == b.start && a.end > b.end
	})
	kept := st.mentions[:0]
	for _, m := range st.mentions {
		if n := len(kept); n > 0 && m.end <= kept[n-1].end {
			continue
		}
		kept = append(kept, m)
	}
	st.mentions = kept
	for si, s := range doc.Sentences {
		if doc.InBoilerplate(s.Start) || bibliographic(doc, s) {
			continue
		}
		e.sentence(st, si, doc.ByteOffset(s.Start), doc.ByteOffset(s.End))
	}
	for i := range st.out {
		st.out[i].ID = fmt.Sprintf("P%d", i+1)
	}
	doc.Positions = st.out
	if doc.Positions == nil {
		doc.Positions = []schema.Position{}
	}
	return nil
}

// authorOf is the holder of the document's own recommendations.
func authorOf(doc *schema.Document) holder {
	switch {
	case len(doc.Metadata.Authors) > 0:
		return holder{doc.Metadata.Authors[0], "author"}
	case doc.Metadata.Publisher != "":
		return holder{doc.Metadata.Publisher, "author"}
	}
	return holder{"author", "author"}
}

func (e *Extractor) sentence(st *state, si, a, b int) {
	text := st.doc.Text
	sent := text[a:b]
	// "X recommends 1) …; 2) …": one position per item.
	if e.enumerated(st, si, a, b) {
		return
	}
	// "X argues that A, that B, and that C": one position per that-clause.
	if e.thatList(st, si, a, b) {
		return
	}
	// An attributed quote: "He explained, “…”" (the expression runs only
	// where there is a quotation mark).
	if strings.ContainsAny(sent, "“\"") {
		if loc := quoteOpen.FindStringIndex(sent); loc != nil {
			e.quote(st, si, a+loc[0], a+loc[1], b)
			return
		}
	}
	var carry []holder // holders a "position is that A or B" passes on
	for _, c := range e.clauses(sent, a) {
		ca, cb := c[0], c[1]
		clause := text[ca:cb]
		ci := e.firstCue(clause)
		if ci.stance != "" && e.modalBefore(clause, ci.start) && e.isRecommendation(st, clause, ca) {
			e.emit(st, si, []holder{st.author}, schema.StanceRecommend, ca, cb, "recommendation")
			carry = nil
			continue
		}
		if ci.stance != "" {
			hs := e.holdersBefore(st, ca, ca+ci.start)
			if strings.HasPrefix(strings.ToLower(clause[ci.start:ci.end]), "is expected by") {
				hs = e.agentAfter(st, ca+ci.end)
			}
			if possessive.MatchString(clause) {
				carry = hs
			}
			if w := strings.ToLower(lastWord(clause[:ci.start])); len(hs) == 0 && (w == "we" || w == "i") && !st.quoted(ca) {
				hs = []holder{st.author} // "We recommend …": the author
			}
			if len(hs) == 0 {
				continue
			}
			e.emit(st, si, hs, ci.stance, ca, cb, "cue:"+strings.ToLower(clause[ci.start:ci.end]))
			continue
		}
		if len(carry) > 0 {
			// only the alternative right after "X's position is that A"
			if e.lx.modal.MatchString(clause) || strings.HasPrefix(clause, "“") {
				e.emit(st, si, carry, e.carriedStance(clause), ca, cb, "carried")
			}
			carry = nil
			continue
		}
		if e.isRecommendation(st, clause, ca) {
			e.emit(st, si, []holder{st.author}, schema.StanceRecommend, ca, cb, "recommendation")
		}
	}
}

// clauses splits a sentence at the configured clause breaks; the spans are
// byte offsets into the document, trimmed.
func (e *Extractor) clauses(sent string, base int) [][2]int {
	cuts := []int{0}
	for _, br := range e.lx.clauseBreaks {
		for i := 0; ; {
			j := strings.Index(sent[i:], br)
			if j < 0 {
				break
			}
			cut := i + j
			if q := strings.IndexAny(br, "”\""); q >= 0 && q < 2 {
				cut += q + len(string([]rune(br[q:])[0])) // keep the closing quote with its clause
			}
			cuts = append(cuts, cut)
			i += j + len(br)
		}
	}
	sort.Ints(cuts)
	cuts = append(cuts, len(sent))
	var out [][2]int
	for i := 0; i+1 < len(cuts); i++ {
		x, y := cuts[i], cuts[i+1]
		seg := sent[x:y]
		trimmed := strings.TrimLeft(seg, " ;:–—,")
		x += len(seg) - len(trimmed)
		if m := leadingConj.FindString(sent[x:y]); m != "" {
			x += len(m)
		}
		seg = sent[x:y]
		y = x + len(strings.TrimRight(seg, " ;,–—"))
		if y-x >= 12 {
			out = append(out, [2]int{base + x, base + y})
		}
	}
	return out
}

type cueHit struct {
	stance     string
	start, end int
}

// firstCue finds the earliest stance cue in a clause that is not inside
// quotation marks (quoted words are what is said, not the saying).
func (e *Extractor) firstCue(clause string) cueHit {
	if e.lx.byKey == nil {
		return e.firstCueScan(clause)
	}
	for i := 0; i+3 <= len(clause); i++ {
		if !isASCIILetter(clause[i]) || i > 0 && isASCIILetter(clause[i-1]) {
			continue
		}
		key := [3]byte{lower(clause[i]), lower(clause[i+1]), lower(clause[i+2])}
		best := cueHit{}
		for _, k := range e.lx.byKey[string(key[:])] {
			if loc := e.lx.cues[k].at.FindStringIndex(clause[i:]); loc != nil && i+loc[1] > best.end {
				best = cueHit{e.lx.cues[k].stance, i, i + loc[1]}
			}
		}
		if best.stance != "" && !insideQuotes(clause, i) && !titleCased(clause, i) && !e.nounUse(clause, i, best.end) {
			return best
		}
	}
	return cueHit{}
}

// firstCueScan finds the earliest cue with the combined expression.
func (e *Extractor) firstCueScan(clause string) cueHit {
	for _, loc := range e.lx.anyCue.FindAllStringIndex(clause, -1) {
		if insideQuotes(clause, loc[0]) || titleCased(clause, loc[0]) || e.nounUse(clause, loc[0], loc[1]) {
			continue
		}
		for _, c := range e.lx.cues {
			if m := c.at.FindStringIndex(clause[loc[0]:]); m != nil && m[1] == loc[1]-loc[0] {
				return cueHit{c.stance, loc[0], loc[1]}
			}
		}
	}
	return cueHit{}
}

// nounUse reports a one-word cue used as a noun: after a determiner ("their
// support"), or after an indefinite article and a proper modifier ("an EU
// demand", "a Russian proposal"). Phrases ("tough stance on") are never
// nouns here.
func (e *Extractor) nounUse(clause string, start, end int) bool {
	if strings.ContainsRune(clause[start:end], ' ') {
		return false
	}
	words := strings.Fields(clause[:start])
	n := len(words)
	word := func(k int) string {
		return strings.ToLower(strings.TrimFunc(words[k], func(r rune) bool { return !unicode.IsLetter(r) }))
	}
	if n >= 1 && e.lx.nounMarkers[word(n-1)] {
		return true
	}
	if n >= 2 && (word(n-2) == "a" || word(n-2) == "an") {
		r, _ := utf8.DecodeRuneInString(words[n-1])
		return unicode.IsUpper(r)
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// titleCased reports a capitalised cue word that does not open the
// clause: a title ("Shipbuilding Support Programs"), not a verb.
func titleCased(s string, at int) bool {
	if at == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[at:])
	return unicode.IsUpper(r)
}

func insideQuotes(s string, at int) bool {
	open := strings.Count(s[:at], "“") - strings.Count(s[:at], "”")
	straight := strings.Count(s[:at], `"`)
	return open > 0 || straight%2 == 1
}

// holdersBefore finds who stands before a cue in its clause: actors
// (several when joined by "and"), a group, or a resolved pronoun.
func (e *Extractor) holdersBefore(st *state, ca, cue int) []holder {
	text := st.doc.Text
	subject := text[ca:cue]
	// "The Declaration, signed by A and B in 1993, recognized …": the
	// subject is the head before the appositive, not the agents inside it.
	// "At the summit, Argentina's President Milei, long a critic, called
	// …": the subject ends at the comma that opens the appositive.
	limit := cue
	if trimmed := strings.TrimRight(subject, " "); strings.HasSuffix(trimmed, ",") {
		if i := strings.LastIndex(trimmed[:len(trimmed)-1], ", "); i >= 0 {
			limit = ca + i
		}
	}
	var in []mention
	for _, m := range st.mentions {
		if m.start >= ca && m.end <= limit {
			in = append(in, m)
		}
	}
	// A group named right before the cue ("many Western leaders
	// refused …", "Some Members of Congress have …") wins over actors
	// further back or inside it.
	if g, name, ok := e.lastGroup(subject); ok {
		if len(in) == 0 || ca+g[0] > in[len(in)-1].end || ca+g[0] <= in[len(in)-1].start && ca+g[1] >= in[len(in)-1].end {
			return st.remember([]holder{{name, "other"}})
		}
	}
	if len(in) > 0 {
		last := in[len(in)-1]
		// too far from the cue: the actor is an object of an earlier verb
		if wordsBetween(text[last.end:cue]) > 8 {
			// Far from the cue: the actor is an object of an earlier verb,
			// unless it opens the clause as its subject ("Iran has moved
			// the lanes … under the premise that …").
			if first := in[0]; wordsBetween(text[ca:first.start]) <= 2 && !strings.Contains(text[first.end:cue], ",") {
				return st.remember([]holder{{first.name, first.kind}})
			}
			in = nil
		} else {
			hs := []holder{{last.name, last.kind}}
			// "China and Russia share …", "Japan, China and Russia …": a
			// list needs its "and"; a comma alone ("visiting Japan,
			// Lavrov stated") joins nothing.
			// ", and" joins a list only after a comma ("A, B, and C");
			// alone it joins clauses ("… to the council, and Kremlin
			// officials have hinted").
			gapAt := func(k int) string {
				if in[k].end > in[k+1].start {
					return "" // overlapping mentions: no list
				}
				gap := strings.TrimSpace(text[in[k].end:in[k+1].start])
				return strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(gap, " the"), "the"))
			}
			joined := false
		list:
			for k := len(in) - 2; k >= 0; k-- {
				switch gapAt(k) {
				case "and":
					joined = true
				case ", and":
					if k == 0 || gapAt(k-1) != "," {
						break list
					}
					joined = true
				case ",":
					if !joined {
						break list
					}
				default:
					break list
				}
				hs = append([]holder{{in[k].name, in[k].kind}}, hs...)
			}
			return st.remember(dedupe(hs))
		}
	}
	// A pronoun opening the clause stands for the last named holder.
	// A pronoun opening the clause, or standing right before the cue
	// ("In addition, they share …"), stands for the last named holder.
	first := strings.ToLower(firstWord(subject))
	if st.lexPronoun(e, first) == "" {
		first = strings.ToLower(lastWord(subject))
	}
	switch st.lexPronoun(e, first) {
	case "singular":
		if st.lastPerson != nil {
			st.doc.Warn("positions", "holder-from-pronoun", fmt.Sprintf("holder %q resolved from %q", st.lastPerson.name, first), pronounEvidence(st.doc, ca, cue))
			return []holder{*st.lastPerson}
		}
	case "plural":
		if len(st.lastGroup) > 0 {
			st.doc.Warn("positions", "holder-from-pronoun", fmt.Sprintf("holders %v resolved from %q", names(st.lastGroup), first), pronounEvidence(st.doc, ca, cue))
			return st.lastGroup
		}
	}
	return nil
}

// lastGroup finds the group holder named last in a subject.
func (e *Extractor) lastGroup(subject string) ([2]int, string, bool) {
	best, name, ok := [2]int{-1, -1}, "", false
	for _, g := range e.lx.groups {
		for _, loc := range g.re.FindAllStringIndex(subject, -1) {
			if loc[0] > best[0] || loc[0] == best[0] && loc[1] > best[1] {
				best, ok = [2]int{loc[0], loc[1]}, true
				name = g.name
				if name == "" {
					name = groupName(subject[loc[0]:loc[1]])
				}
			}
		}
	}
	return best, name, ok
}

// pronounEvidence points the analyst at the words before the cue, where
// the pronoun stands.
func pronounEvidence(doc *schema.Document, a, b int) *schema.Evidence {
	for a < b && doc.Text[a] == ' ' {
		a++
	}
	ev := doc.EvidenceBytes(a, b)
	return &ev
}

// groupName names a group holder as written, without its quantifier:
// "many Western leaders" → "Western leaders", "Some researchers" →
// "researchers".
func groupName(s string) string {
	words := strings.Fields(s)
	if len(words) > 1 {
		switch strings.ToLower(words[0]) {
		case "some", "many", "other", "most", "several":
			words = words[1:]
		}
	}
	return strings.Join(words, " ")
}

func (st *state) lexPronoun(e *Extractor, w string) string { return e.lx.pronouns[w] }

// agentAfter finds the agent of a passive cue ("is expected by the US").
func (e *Extractor) agentAfter(st *state, from int) []holder {
	for _, m := range st.mentions {
		if m.start >= from && m.start < from+12 {
			return st.remember([]holder{{m.name, m.kind}})
		}
	}
	return nil
}

// modalBefore reports a recommendation modal ahead of the cue at cueAt.
func (e *Extractor) modalBefore(clause string, cueAt int) bool {
	loc := e.lx.modal.FindStringIndex(clause)
	return loc != nil && loc[0] < cueAt
}

// remember records holders for later pronouns.
func (st *state) remember(hs []holder) []holder {
	for i := range hs {
		if hs[i].kind == schema.ActorPerson || hs[i].kind == "author" {
			h := hs[i]
			st.lastPerson = &h
		}
	}
	if len(hs) > 1 || (len(hs) == 1 && hs[0].kind != schema.ActorPerson && hs[0].kind != "author") {
		st.lastGroup = hs
	}
	return hs
}

func names(hs []holder) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.name
	}
	return out
}

func dedupe(hs []holder) []holder {
	seen := map[string]bool{}
	var out []holder
	for _, h := range hs {
		if !seen[h.name] {
			seen[h.name] = true
			out = append(out, h)
		}
	}
	return out
}

func wordsBetween(s string) int { return len(strings.Fields(s)) }

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.TrimFunc(f[len(f)-1], func(r rune) bool { return !unicode.IsLetter(r) })
}

func firstWord(s string) string {
	s = strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		return s
	}
	return s[:end]
}

// isRecommendation: an actor or "we" followed by a modal ("Japan should",
// "Japan and the US must"), an author phrase ("we recommend"), or an
// imperative list item ("Encourage international norms.").
func (e *Extractor) isRecommendation(st *state, clause string, ca int) bool {
	if st.quoted(ca) {
		return false // someone else's words
	}
	if !e.lx.mayRecommend(clause) {
		return e.imperative(st, clause, ca)
	}
	if insideQuotes(clause, len(clause)) || strings.Contains(clause, "“") && strings.Contains(clause, "”") && strings.Index(clause, "“") < 3 {
		return false
	}
	if e.lx.authorPhrase.MatchString(clause) {
		return true
	}
	if strings.HasSuffix(strings.TrimSpace(clause), "?") {
		return false // a question, not advice
	}
	if loc := e.lx.modal.FindStringIndex(clause); loc != nil && e.lx.hedge.MatchString(clause[:loc[0]]) {
		return false // "Congress may consider whether … should …"
	}
	if loc := e.lx.strong.FindStringIndex(clause); loc != nil && !insideQuotes(clause, loc[0]) && !st.quoted(ca+loc[0]) && loc[0] > 0 {
		// "the Arctic states should …", "NATO must …", "the door should
		// be left open …": the author's voice, unless hedged.
		return true
	}
	if loc := e.lx.modal.FindStringIndex(clause); loc != nil && !insideQuotes(clause, loc[0]) {
		before := clause[:loc[0]]
		if strings.EqualFold(firstWord(before), "we") {
			return true
		}
		for _, m := range st.mentions {
			subjectKind := m.kind == schema.ActorState || m.kind == schema.ActorOrganisation && strings.EqualFold(clause[loc[0]:loc[1]], "must")
			if m.start >= ca && m.end <= ca+loc[0] && subjectKind && wordsBetween(st.doc.Text[m.end:ca+loc[0]]) <= 4 {
				return true
			}
		}
	}
	return e.imperative(st, clause, ca)
}

// imperative: a list item that is a sentence ("Encourage norms."), not a
// heading ("Maintain credible deterrence").
func (e *Extractor) imperative(st *state, clause string, ca int) bool {
	w := firstWord(clause)
	if w != "" && unicode.IsUpper([]rune(w)[0]) && e.lx.imperatives[strings.ToLower(w)] && strings.HasSuffix(strings.TrimSpace(st.doc.Text[ca:sentenceEnd(st, ca)]), ".") {
		return true
	}
	return false
}

var thatItem = regexp.MustCompile(`, (?:and |or )?that `)

// thatList handles a cue ending in "that" followed by further ", that" /
// ", and that" clauses: each clause is a position of the cue's holder;
// one with a recommendation modal is a recommendation when the author
// holds it.
func (e *Extractor) thatList(st *state, si, a, b int) bool {
	text := st.doc.Text
	sent := text[a:b]
	items := thatItem.FindAllStringIndex(sent, -1)
	if len(items) == 0 {
		return false
	}
	ci := e.firstCue(sent[:items[0][0]])
	if ci.stance == "" || !strings.HasSuffix(strings.ToLower(sent[ci.start:ci.end]), "that") {
		return false
	}
	hs := e.holdersBefore(st, a, a+ci.start)
	if len(hs) == 0 {
		return false
	}
	starts := []int{ci.end}
	ends := []int{}
	for _, it := range items {
		ends = append(ends, it[0])
		starts = append(starts, it[1])
	}
	ends = append(ends, len(sent))
	for k := range starts {
		stance := ci.stance
		item := sent[starts[k]:ends[k]]
		if len(hs) == 1 && hs[0].kind == "author" && e.lx.modal.MatchString(item) {
			stance = schema.StanceRecommend
		}
		e.emit(st, si, hs, stance, a+starts[k], a+ends[k], "that-list")
	}
	return true
}

// enumerated handles "X recommends 1) …; 2) …; 3) …".
func (e *Extractor) enumerated(st *state, si, a, b int) bool {
	text := st.doc.Text
	sent := text[a:b]
	if !strings.Contains(sent, "1)") {
		return false
	}
	locs := enumItem.FindAllStringSubmatchIndex(sent, -1)
	if len(locs) < 2 || sent[locs[0][2]:locs[0][3]] != "1" {
		return false
	}
	intro := sent[:locs[0][0]]
	var stance string
	var cueAt int
	for _, c := range e.lx.cues {
		if loc := c.re.FindStringIndex(intro); loc != nil && (c.stance == schema.StanceRecommend || c.stance == schema.StancePropose || c.stance == schema.StanceDemand) {
			stance, cueAt = c.stance, loc[0]
			break
		}
	}
	if stance == "" {
		return false
	}
	hs := e.holdersBefore(st, a, a+cueAt)
	if len(hs) == 0 || (len(hs) == 1 && hs[0].name == st.author.name) {
		hs = []holder{st.author}
	}
	for i, l := range locs {
		start := l[1]
		end := len(sent)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		item := strings.TrimRight(sent[start:end], " ;,.")
		item = strings.TrimSuffix(item, ", and much more")
		item = strings.TrimSuffix(item, " and")
		item = strings.TrimRight(item, " ;,")
		if len(item) < 8 {
			continue
		}
		e.emit(st, si, hs, stance, a+start, a+start+len(item), "enumerated")
	}
	return true
}

// quote handles an attributed quotation; its evidence is the quoted words,
// up to the closing quotation mark even across sentences.
func (e *Extractor) quote(st *state, si, speakerAt, openEnd, sentEnd int) {
	text := st.doc.Text
	hs := e.holdersBefore(st, speakerAt, speakerAt+len(firstWord(text[speakerAt:]))+1)
	if len(hs) == 0 {
		hs = e.holdersBefore(st, speakerAt-200+max(0, 200-speakerAt), openEnd)
	}
	if len(hs) == 0 {
		return
	}
	closeAt := strings.IndexAny(text[openEnd:], "”\"")
	if closeAt < 0 || closeAt > 2000 {
		closeAt = sentEnd - openEnd
	}
	end := openEnd + closeAt
	e.emit(st, si, hs, schema.StanceOther, openEnd, end, "quote")
}

// emit appends one position per holder.
func (e *Extractor) emit(st *state, si int, hs []holder, stance string, a, b int, rule string) {
	text := st.doc.Text
	for a < b && (text[a] == ' ' || text[a] == '\n') {
		a++
	}
	for b > a {
		r, size := utf8.DecodeLastRuneInString(text[a:b])
		if r == ' ' || r == '\n' {
			b -= size
			continue
		}
		break
	}
	if b-a < 8 {
		return
	}
	ev := st.doc.EvidenceBytes(a, b)
	statement := ev.Text
	for _, h := range hs {
		kind := h.kind
		if kind == "" {
			kind = "other"
		}
		st.out = append(st.out, schema.Position{
			Holder:     h.name,
			HolderKind: kind,
			Stance:     stance,
			Topic:      e.topic(statement, rule),
			Statement:  statement,
			Evidence:   ev,
			Sentence:   si,
			Notes:      notesIn(st.doc, st.doc.Sentences[si]),
			Rule:       rule,
		})
	}
}

// notesIn lists the citations whose markers fall in a sentence.
func notesIn(doc *schema.Document, s schema.Span) []string {
	var ids []string
	for _, c := range doc.Citations {
		for _, m := range c.Markers {
			if s.Contains(m.Start) {
				ids = append(ids, c.ID)
				break
			}
		}
	}
	return ids
}

// carriedStance is the stance of a clause that continues "X's position is
// that …": what X says another should do is a proposal.
func (e *Extractor) carriedStance(clause string) string {
	if e.lx.modal.MatchString(clause) {
		return schema.StancePropose
	}
	return schema.StanceOther
}

var quotedTitle = regexp.MustCompile(`[“"][^”"]{8,}[”"]\s*[,.]|https?://`)

// bibliographic reports a sentence of a reference note that cites rather
// than tells (a quoted title, a URL): no one holds a position there.
func bibliographic(doc *schema.Document, s schema.Span) bool {
	for _, c := range doc.Citations {
		if c.Kind == schema.KindReference && c.Evidence.Span().Overlaps(s) {
			return quotedTitle.MatchString(doc.Slice(s))
		}
	}
	return false
}

// topic is the configured topic the statement names, else the words that
// follow its cue (or modal): "demands the return of the islands" → "the
// return of the islands".
func (e *Extractor) topic(statement, rule string) string {
	if t := e.lx.topicOf(statement); t != "" {
		return t
	}
	low := strings.ToLower(statement)
	at := -1
	if cue, ok := strings.CutPrefix(rule, "cue:"); ok {
		if i := strings.Index(low, cue); i >= 0 {
			at = i + len(cue)
		}
	} else if loc := e.lx.modal.FindStringIndex(statement); loc != nil {
		at = loc[1]
	}
	if at < 0 {
		return ""
	}
	rest := statement[at:]
	if i := strings.IndexAny(rest, ",;:.–—“”\"("); i >= 0 {
		rest = rest[:i]
	}
	words := strings.Fields(rest)
	for len(words) > 0 {
		switch strings.ToLower(words[0]) {
		case "that", "to", "for", "on", "of", "also", "only", "be", "the", "a", "an":
			words = words[1:]
			continue
		}
		break
	}
	if len(words) > 8 {
		words = words[:8]
	}
	return strings.Join(words, " ")
}
