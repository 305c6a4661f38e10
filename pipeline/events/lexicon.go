package events

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/configs"
	"go.yaml.in/yaml/v3"
)

// TriggersFile is the built-in trigger list's name in configs.FS.
const TriggersFile = "triggers.yaml"

// notEvent mirrors the not_event section of triggers.yaml.
type notEvent struct {
	ComparisonBefore  []string `yaml:"comparison_before"`
	ForecastBefore    []string `yaml:"forecast_before"`
	HorizonAfter      []string `yaml:"horizon_after"`
	PublicationBefore []string `yaml:"publication_before"`
	Negation          []string `yaml:"negation"`
	Modal             []string `yaml:"modal"`
}

// Lexicon is triggers.yaml parsed.
type Lexicon struct {
	Verbs                map[string][]string `yaml:"verbs"`
	Nouns                map[string][]string `yaml:"nouns"`
	Past                 []string            `yaml:"past"`
	NotEvent             notEvent            `yaml:"not_event"`
	TemporalPrepositions []string            `yaml:"temporal_prepositions"`
	ClauseBreaks         []string            `yaml:"clause_breaks"`
	Subordinators        []string            `yaml:"subordinators"`
	RangeEndBefore       []string            `yaml:"range_end_before"`
	RelativePronouns     []string            `yaml:"relative_pronouns"`
	Anaphora             anaphoraLex         `yaml:"anaphora"`
	SuppressBefore       []string            `yaml:"suppress_before"`
	Context              contextLex          `yaml:"context"`
	Present              presentLex          `yaml:"present"`
	AnnounceVerbs        []string            `yaml:"announce_verbs"`
	Continuation         []string            `yaml:"continuation"`
}

// contextLex mirrors the context section of triggers.yaml: phrases that
// date a clause by another happening ("since the conflict began") and
// the cues that let a date carry over from one sentence to the next.
type contextLex struct {
	Since         []string `yaml:"since"`
	After         []string `yaml:"after"`
	ShortlyAfter  []string `yaml:"shortly_after"`
	OwnTime       []string `yaml:"own_time"`
	Onset         []string `yaml:"onset"`
	Hostilities   []string `yaml:"hostilities"`
	Function      []string `yaml:"function_words"`
	NPEnd         []string `yaml:"phrase_end"`
	NarrativeLink []string `yaml:"narrative_links"`
}

// anaphoraLex mirrors the anaphora section: subjects that name a group
// mentioned before ("the two leaders", "they").
type anaphoraLex struct {
	Pair   []string `yaml:"pair"`
	Plural []string `yaml:"plural"`
}

// presentLex mirrors the present section: auxiliaries of the present
// progressive ("is charging") and perfect ("has moved"), whose clauses
// tell the state of things at the publication date.
type presentLex struct {
	Progressive []string `yaml:"progressive"`
	Perfect     []string `yaml:"perfect"`
}

// Types are the event types a trigger may name.
var Types = []string{"agree", "consult", "support", "concede", "cooperate", "aid", "retreat", "request",
	"accuse", "reject", "threaten", "protest", "sanction", "mobilize", "coerce", "assault",
	"statement", "election", "economic", "conflict", "other"}

// interaction reports whether a type is a PLOVER interaction category.
func interaction(t string) bool {
	switch t {
	case "statement", "election", "economic", "conflict", "other":
		return false
	}
	return true
}

// ParseLexicon reads trigger YAML; name appears in errors.
func ParseLexicon(name string, data []byte) (*Lexicon, error) {
	var l Lexicon
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("triggers %s: %w", name, err)
	}
	known := map[string]bool{}
	for _, t := range Types {
		known[t] = true
	}
	for _, m := range []map[string][]string{l.Verbs, l.Nouns} {
		for t := range m {
			if !known[t] {
				return nil, fmt.Errorf("triggers %s: unknown event type %q (want one of %v)", name, t, Types)
			}
		}
	}
	return &l, nil
}

// LoadLexicon returns the built-in list, or the file at path (which
// replaces it).
func LoadLexicon(path string) (*Lexicon, error) {
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("extract.triggers: %w", err)
		}
		return ParseLexicon(path, data)
	}
	data, err := fs.ReadFile(configs.FS, TriggersFile)
	if err != nil {
		return nil, fmt.Errorf("built-in triggers: %w", err)
	}
	return ParseLexicon("(built-in) "+TriggersFile, data)
}

// phrase is one trigger, as lower-case words.
type phrase struct {
	words []string
	typ   string
	verb  bool
}

// matcher finds phrases in token streams, longest first.
type matcher struct {
	byFirst map[string][]phrase
}

func newMatcher() *matcher { return &matcher{byFirst: map[string][]phrase{}} }

func (m *matcher) add(p phrase) {
	if len(p.words) == 0 {
		return
	}
	m.byFirst[p.words[0]] = append(m.byFirst[p.words[0]], p)
}

func (m *matcher) sort() {
	for k, l := range m.byFirst {
		sort.SliceStable(l, func(i, j int) bool { return len(l[i].words) > len(l[j].words) })
		m.byFirst[k] = l
	}
}

// token is one word of a text, lower-cased, with its byte span.
type token struct {
	w          string
	start, end int
}

func isTokRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '$' || r == '©'
}

// tokenize splits s into words (letters and digits, keeping inner hyphens
// and apostrophes); offsets are relative to base.
func tokenize(s string, base int) []token {
	out := make([]token, 0, len(s)/6+1)
	start := -1
	prevEnd := 0
	for i, r := range s {
		n := utf8.RuneLen(r)
		if isTokRune(r) {
			if start < 0 {
				start = i
			}
			prevEnd = i + n
			continue
		}
		if start >= 0 && (r == '-' || r == '\'' || r == '’') && i+n < len(s) {
			next, _ := utf8.DecodeRuneInString(s[i+n:])
			if isTokRune(next) && r == '-' {
				continue
			}
			if isTokRune(next) && r != '-' && next != 's' {
				continue
			}
		}
		if start >= 0 {
			out = append(out, token{lower(s[start:prevEnd]), base + start, base + prevEnd})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{lower(s[start:prevEnd]), base + start, base + prevEnd})
	}
	return out
}

// lower is strings.ToLower without an allocation for words already in
// lower case, the common case.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(w)
		}
	}
	return w
}

func words(s string) []string {
	var out []string
	for _, t := range tokenize(s, 0) {
		out = append(out, t.w)
	}
	return out
}

// hit is a phrase found in a token stream.
type hit struct {
	phrase
	start, end int // byte offsets in the document
	past       bool
	// infinitive marks a verb right after "to" ("held talks … to settle
	// the questions"): a purpose or intention, not the happening told.
	infinitive bool
}

// Pattern words with a meaning of their own: gapWord ("..." in the YAML)
// skips up to maxGap words ("pledged an additional $500 million" for
// "pledge ... $"), and moneyWord ("$") matches any amount written with a
// dollar sign ("$500").
const (
	gapWord   = "\x00gap"
	moneyWord = "$"
	maxGap    = 4
)

// phraseWords splits a trigger entry into pattern words, keeping "..."
// (or "…") as a gap.
func phraseWords(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if f == "..." || f == "…" {
			if len(out) > 0 && out[len(out)-1] != gapWord {
				out = append(out, gapWord)
			}
			continue
		}
		out = append(out, words(f)...)
	}
	for len(out) > 0 && out[len(out)-1] == gapWord {
		out = out[:len(out)-1]
	}
	return out
}

// wordMatches reports whether token w matches pattern word p.
func wordMatches(w, p string) bool {
	if p == moneyWord {
		return strings.HasPrefix(w, "$")
	}
	return w == p
}

// matchAt matches pattern ps against toks from i; it returns the index
// after the match and appends the indexes of the literal words to lit.
func matchAt(toks []token, i int, ps []string, lit []int) (int, []int, bool) {
	if len(ps) == 0 {
		return i, lit, true
	}
	if ps[0] == gapWord {
		for k := 0; k <= maxGap && i+k <= len(toks); k++ {
			if e, l, ok := matchAt(toks, i+k, ps[1:], lit); ok {
				return e, l, true
			}
		}
		return i, lit, false
	}
	if i >= len(toks) || !wordMatches(toks[i].w, ps[0]) {
		return i, lit, false
	}
	return matchAt(toks, i+1, ps[1:], append(lit, i))
}

// find returns the phrases in toks, longest match first, not overlapping.
func (m *matcher) find(toks []token, past map[string]bool) []hit {
	var out []hit
	var lit []int
	for i := 0; i < len(toks); {
		matched := false
		for _, p := range m.byFirst[toks[i].w] {
			e, l, ok := matchAt(toks, i, p.words, lit[:0])
			lit = l
			if !ok {
				continue
			}
			h := hit{phrase: p, start: toks[i].start, end: toks[e-1].end, infinitive: p.verb && i > 0 && toks[i-1].w == "to"}
			for _, k := range lit {
				if w := toks[k].w; p.verb && (strings.HasSuffix(w, "ed") || past[w]) {
					h.past = true
				}
			}
			out = append(out, h)
			i = e
			matched = true
			break
		}
		if !matched {
			i++
		}
	}
	return out
}

// inflect returns the regular forms of a verb entry written in its base
// form ("join the" → "joins the", "joined the", "joining the"): the
// lexicon lists a verb once and the tense comes from morphology. Forms
// that cannot be right ("visitted" beside "visited") are generated too;
// they never occur in text, so listing both spellings is harmless and
// spares a consonant-doubling rule. Entries already inflected (-ed, -ing,
// an irregular past) are returned unchanged.
func inflect(ws []string, past map[string]bool) [][]string {
	if len(ws) == 0 || ws[0] == gapWord {
		return nil
	}
	fw := ws[0]
	n := len(fw)
	if n < 3 || strings.HasSuffix(fw, "ed") || strings.HasSuffix(fw, "ing") || strings.HasSuffix(fw, "ly") || past[fw] {
		return nil
	}
	last := fw[n-1:]
	forms := []string{fw + "s", fw + "es", fw + "ed", fw + "ing", fw + last + "ed", fw + last + "ing"}
	switch {
	case strings.HasSuffix(fw, "e"):
		forms = append(forms, fw+"d", fw[:n-1]+"ing")
	case strings.HasSuffix(fw, "y") && !strings.ContainsRune("aeiou", rune(fw[n-2])):
		forms = append(forms, fw[:n-1]+"ies", fw[:n-1]+"ied")
	}
	out := make([][]string, 0, len(forms))
	for _, f := range forms {
		out = append(out, append([]string{f}, ws[1:]...))
	}
	return out
}

// phraseSet matches any of a list of phrases in lower-case text.
type phraseSet [][]string

func newPhraseSet(xs []string) phraseSet {
	var out phraseSet
	for _, x := range xs {
		if w := words(x); len(w) > 0 {
			out = append(out, w)
		}
	}
	return out
}

// endsWith reports whether the tokens end with one of the phrases.
func (ps phraseSet) endsWith(toks []token) bool {
	for _, p := range ps {
		if len(p) > len(toks) {
			continue
		}
		ok := true
		off := len(toks) - len(p)
		for k, w := range p {
			if toks[off+k].w != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// startsWith reports whether the tokens start with one of the phrases.
func (ps phraseSet) startsWith(toks []token) bool {
	for _, p := range ps {
		if len(p) > len(toks) {
			continue
		}
		ok := true
		for k, w := range p {
			if toks[k].w != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// contains reports whether one of the phrases occurs in the tokens.
func (ps phraseSet) contains(toks []token) bool {
	for i := range toks {
		if ps.startsWith(toks[i:]) {
			return true
		}
	}
	return false
}

// wordSet is a set of lower-case single words.
func wordSet(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[strings.ToLower(strings.TrimSpace(x))] = true
	}
	return m
}

// longestAt returns the length in tokens of the longest phrase of ps that
// starts at toks[i], or 0.
func (ps phraseSet) longestAt(toks []token, i int) int {
	best := 0
	for _, p := range ps {
		if len(p) <= best || i+len(p) > len(toks) {
			continue
		}
		ok := true
		for k, w := range p {
			if toks[i+k].w != w {
				ok = false
				break
			}
		}
		if ok {
			best = len(p)
		}
	}
	return best
}
