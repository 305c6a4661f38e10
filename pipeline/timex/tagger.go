package timex

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/schema"
)

// Tagger finds and normalises temporal expressions. It is immutable after
// New and safe for concurrent use.
type Tagger struct {
	lx *lexicon
	// triggers are the lower-case words an expression can start with;
	// tokens that are neither numbers nor triggers are skipped at once.
	triggers map[string]bool
	// weak triggers need a strong trigger or an inner word within a few
	// tokens; inner words only complete expressions others start.
	weak, inner map[string]bool
	// dctFirstForMonths makes a year-less month take the creation date's
	// year even when the paragraph named a year (kept for measuring the
	// anchoring rule; the default is the narrative year).
	dctFirstForMonths bool
	// narrativeAny lets every stated year set the narrative time, not
	// only those introduced as a setting ("in 2014").
	narrativeAny bool
	// narrativeSpan is how many sentences back a stated year still sets
	// the year of a bare month in the same paragraph.
	narrativeSpan int
}

// New loads the embedded lexicon and builds a tagger.
func New() (*Tagger, error) {
	lx, err := loadLexicon(lexiconYAML)
	if err != nil {
		return nil, err
	}
	t := &Tagger{lx: lx, triggers: map[string]bool{}, narrativeSpan: 3}
	add := func(words ...string) {
		for _, w := range words {
			t.triggers[w] = true
		}
	}
	for _, m := range []map[string]int{lx.months, lx.weekdays, lx.numbers, lx.ordinals, lx.decadeWords, lx.shifts, lx.deictic} {
		for w := range m {
			add(w)
			add(w + "s") // plural weekdays ("Tuesdays")
		}
	}
	for _, m := range []map[string]string{lx.seasons, lx.partsOfDay, lx.clockWords, lx.setAdverbs} {
		for w := range m {
			add(w)
		}
	}
	for _, m := range []map[string]bool{lx.vague, lx.modifiers, lx.setQuant, lx.fiscal} {
		for w := range m {
			add(w)
		}
	}
	for w := range lx.units {
		add(w)
	}
	for _, m := range []map[string][]phrase{lx.approx, lx.refs} {
		for w := range m {
			add(w)
		}
	}
	for w := range lx.holidays {
		add(w)
	}
	// Grammar words: articles, demonstratives and the few function words
	// the rules below start with.
	add("the", "a", "an", "that", "same", "half", "once", "twice", "thrice", "'", "q1", "q2", "q3", "q4", "h1", "h2", "year", "month", "recent")
	// Weak triggers start an expression only with a strong word close
	// behind; inner words are strong only as such followers ("the
	// future", "the latest quarter", "that day").
	t.weak = map[string]bool{}
	for _, w := range []string{"the", "a", "an", "that", "same", "half", "this", "last", "next", "past", "previous",
		"preceding", "prior", "coming", "following", "upcoming", "present", "early", "late", "earlier",
		"later", "end", "beginning", "middle", "start", "close", "turn", "dawn", "mid", "each", "every",
		"few", "several", "many", "some", "numerous", "various", "fiscal", "financial", "'", "recent"} {
		t.weak[w] = true
	}
	for first, ps := range lx.approx {
		t.weak[first] = true
		_ = ps
	}
	t.inner = map[string]bool{}
	for _, m := range []map[string][]phrase{lx.approx, lx.refs} {
		for _, ps := range m {
			for _, p := range ps {
				for _, w := range p.words[1:] {
					t.inner[w] = true
				}
			}
		}
	}
	for _, w := range []string{"latest", "period", "day", "quarter", "half", "future", "past", "present", "time",
		"comparable", "corresponding", "s", "'s", "-"} {
		t.inner[w] = true
	}
	return t, nil
}

// Tag returns the temporal expressions in text, sorted by position and
// never overlapping, with offsets in code points. dct is the document
// creation date ("YYYY-MM-DD"; a time after the day, "YYYY-MM" or "YYYY"
// are accepted too) or "" when there is none.
func (t *Tagger) Tag(text string, dct string) []schema.TimeExpr {
	r := &run{t: t, lx: t.lx, text: text}
	if d, ok := parseDCT(strings.TrimSpace(dct)); ok {
		r.dct, r.hasDCT = d, true
	}
	r.toks = tokenize(text, make([]token, 0, len(text)/5+8))
	r.paras = make([]int, len(r.toks))
	r.sents = make([]int, len(r.toks))
	p, sn := 0, 0
	for i, tk := range r.toks {
		if tk.nl >= 2 {
			p++
			sn++
		} else if i > 0 && tk.sp && tk.cap {
			if w := r.toks[i-1].low; w == "." || w == "?" || w == "!" {
				sn++
			}
		}
		r.paras[i] = p
		r.sents[i] = sn
	}
	var out []schema.TimeExpr
	conv := offsetConv{text: text, ascii: isASCII(text)}
	// kinds[i]: 0 no trigger, 1 a weak trigger ("the", "last", "about")
	// that starts an expression only with a strong one close behind, 2 a
	// strong trigger (a number, a month, a unit, "now").
	kinds := make([]byte, len(r.toks))
	for i := range r.toks {
		tk := &r.toks[i]
		switch {
		case tk.kind == kNum:
			kinds[i] = 2
		case t.triggers[tk.low]:
			kinds[i] = 2
			if t.weak[tk.low] {
				kinds[i] = 1
			}
		case tk.kind == kWord && strings.HasPrefix(tk.low, "mid"):
			kinds[i] = 1
		case t.inner[tk.low]:
			kinds[i] = 3 // not a start, but completes a weak trigger
		}
	}
	for i := 0; i < len(r.toks); {
		switch kinds[i] {
		case 0, 3:
			i++
			continue
		case 1:
			strong := false
			for k := i + 1; k < len(kinds) && k <= i+6; k++ {
				if kinds[k] >= 2 || t.inner[r.toks[k].low] {
					strong = true
					break
				}
			}
			if !strong {
				i++
				continue
			}
		}
		c, ok := r.matchAt(i)
		if !ok || c.e <= i {
			i++
			continue
		}
		if r.inName(c) {
			i = c.e
			continue
		}
		r.note(c)
		s, e := r.toks[c.s].s, r.toks[c.e-1].e
		rs, re := conv.runes(s), conv.runes(e)
		out = append(out, schema.TimeExpr{
			Span: schema.Span{Start: rs, End: re}, Text: text[s:e],
			Type: c.typ, Value: c.value, EndValue: c.endValue, Anchored: c.anchored,
		})
		i = c.e
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	return out
}

// offsetConv turns increasing byte offsets into code-point offsets in one
// pass over the text.
type offsetConv struct {
	text       string
	ascii      bool
	bpos, rpos int
}

func (c *offsetConv) runes(b int) int {
	if c.ascii {
		return b
	}
	if b < c.bpos {
		c.bpos, c.rpos = 0, 0
	}
	c.rpos += utf8.RuneCountInString(c.text[c.bpos:b])
	c.bpos = b
	return c.rpos
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// cand is one expression the grammar read, over tokens [s, e).
type cand struct {
	s, e     int
	typ      string
	value    string
	endValue string
	anchored bool
	// dv is the calendar value of a DATE, when it has one; yearGiven is
	// true when the text itself stated the year.
	dv        dval
	hasDV     bool
	yearGiven bool
	// rangeable marks calendar dates that may open or close a range.
	rangeable bool
	// quarter marks a quarter the text named itself.
	quarter bool
	// setsYear marks a date whose year the text fixed by reference to
	// the creation date ("this year", "last year's third quarter"): it
	// moves the narrative year like a stated one.
	setsYear bool
}

// run is the state of one Tag call: the tokens and the reference times.
type run struct {
	t     *Tagger
	lx    *lexicon
	text  string
	toks  []token
	paras []int
	// sents numbers the sentences (roughly: a full stop before a capital).
	sents []int

	dct    dval
	hasDCT bool
	// narr is the narrative reference: the last date whose year the text
	// stated, and the paragraph it was in.
	narr     dval
	hasNarr  bool
	narrPara int
	narrSent int
	// last is the last calendar date mentioned at all (stated or
	// resolved), for "a year earlier" and "the quarter".
	last     dval
	hasLast  bool
	lastPara int
	// lastQ is the last quarter the text named ("the third quarter"), the
	// period earnings reports compare "a year earlier" against.
	lastQ     dval
	hasLastQ  bool
	lastQPara int
}

// narrativeCues are the words before a dated expression that set the
// scene ("In 2014, ...", "during 1990"); a year after "since", "to" or
// "than" looks elsewhere and leaves the narrative time alone.
var narrativeCues = map[string]bool{"in": true, "on": true, "during": true, "by": true, "of": true, "at": true,
	"throughout": true, "early": true, "late": true, "mid": true, "-": true, "until": true}

// setsNarrative reports whether the expression starting at token s moves
// the narrative reference time.
func (r *run) setsNarrative(s int) bool {
	if r.t.narrativeAny {
		return true
	}
	p := r.w(s - 1)
	return narrativeCues[p] || r.isPunct(s-1) || s == 0
}

// note updates the reference times after an expression is accepted.
func (r *run) note(c cand) {
	if c.typ != "DATE" && c.typ != "TIME" || !c.hasDV {
		return
	}
	if (c.yearGiven || c.setsYear) && c.dv.g >= gYear && r.setsNarrative(c.s) {
		r.narr, r.hasNarr, r.narrPara, r.narrSent = c.dv, true, r.paras[c.s], r.sents[c.s]
	}
	if c.quarter {
		// The first quarter a story names is the one it reports on;
		// later ones are comparisons ("after a flat second quarter").
		// A story that has not named a quarter for a few paragraphs
		// has moved on.
		if !r.hasLastQ || r.paras[c.s]-r.lastQPara > 3 {
			r.lastQ, r.hasLastQ = c.dv, true
		}
		r.lastQPara = r.paras[c.s]
	}
	r.last, r.hasLast, r.lastPara = c.dv, true, r.paras[c.s]
}

// w is the lower-case text of token i, or "" past the end.
func (r *run) w(i int) string {
	if i < 0 || i >= len(r.toks) {
		return ""
	}
	return r.toks[i].low
}

// glued reports whether token i exists and follows the previous one
// without space.
func (r *run) glued(i int) bool { return i > 0 && i < len(r.toks) && !r.toks[i].sp }

func (r *run) isNum(i int) bool { return i >= 0 && i < len(r.toks) && r.toks[i].kind == kNum }

// isPunct reports whether token i is punctuation; the text's edges
// (before the first token, after the last) count as such.
func (r *run) isPunct(i int) bool {
	return i < 0 || i >= len(r.toks) || r.toks[i].kind == kPunct
}

// base is the reference for deictic expressions: the creation date when
// there is one, else the narrative time.
func (r *run) base() (dval, bool) {
	if r.hasDCT {
		return r.dct, true
	}
	if r.hasNarr {
		return r.narr, true
	}
	return dval{}, false
}

// narrBase is the reference for "the following year", "that day", "a year
// earlier": the narrative time first, else the creation date.
func (r *run) narrBase() (dval, bool) {
	if r.hasNarr {
		return r.narr, true
	}
	if r.hasDCT {
		return r.dct, true
	}
	return dval{}, false
}

// yearFor is the year of a month, season or holiday named without one at
// token i: the narrative year when the same paragraph stated one, else the
// creation date's year, else the last year stated anywhere.
func (r *run) yearFor(i int) (int, bool) {
	y, _, ok := r.yearSource(i)
	return y, ok
}

// yearSource is yearFor that also says whether the year is the creation
// date's, which tense may then move by one ("in November", written in
// January, is the November before).
func (r *run) yearSource(i int) (y int, fromDCT, ok bool) {
	if r.hasNarr && r.paras[i] == r.narrPara && r.sents[i]-r.narrSent <= r.t.narrativeSpan &&
		!(r.t.dctFirstForMonths && r.hasDCT) && !(r.hasDCT && r.futureContext(i)) {
		return r.narr.y, false, true
	}
	if r.hasDCT {
		return r.dct.y, true, true
	}
	if r.hasNarr {
		return r.narr.y, false, true
	}
	return 0, false, false
}

// monthYear is the year of a month named without one at token i: the
// reference year from yearSource; when that is the creation date's year,
// a month later in the year than the creation date is taken as last
// year's unless the sentence speaks of the future, and an earlier month
// in a sentence about the future as next year's.
func (r *run) monthYear(i, m int) (int, bool) {
	y, fromDCT, ok := r.yearSource(i)
	if !ok || !fromDCT || r.dct.m == 0 {
		return y, ok
	}
	switch {
	case m > r.dct.m && !r.futureContext(i) && r.hasNarr && r.paras[i]-r.narrPara <= 1 &&
		r.sents[i]-r.narrSent <= r.t.narrativeSpan && r.narr.y < y:
		// A past month after the creation date's month cannot be this
		// year's: the narrative year of the paragraph before holds.
		return r.narr.y, true
	case m > r.dct.m+2 && !r.futureContext(i):
		return y - 1, true
	case m < r.dct.m-2 && r.futureContext(i):
		return y + 1, true
	}
	return y, true
}

// matchAt returns the longest expression starting at token i.
func (r *run) matchAt(i int) (cand, bool) {
	best, ok := r.matchCore(i, false)
	// A modifier ("early", "late", "mid-", "the end of") or an
	// approximation ("nearly", "more than") may precede an expression and
	// belongs to its span.
	if j, kind := r.prefix(i); j > i {
		if c, ok2 := r.matchCore(j, kind == prefixModifier); ok2 {
			if kind == prefixModifier && (c.typ == "DATE" || c.typ == "TIME") ||
				kind == prefixApprox && (c.typ == "DURATION" || c.typ == "DATE" && !c.rangeable || c.typ == "TIME") {
				c.s = i
				if !ok || c.e > best.e {
					best, ok = c, true
				}
			}
		}
	}
	if ok && best.rangeable && best.typ == "DATE" {
		if rc, ok2 := r.extendRange(best); ok2 {
			best = rc
		}
	}
	return best, ok
}

const (
	prefixModifier = 1
	prefixApprox   = 2
)

// prefix reads a modifier or approximation at i and returns where the
// expression proper starts.
func (r *run) prefix(i int) (int, int) {
	w := r.w(i)
	switch {
	case w == "mid" && r.w(i+1) == "-" && r.glued(i+1):
		return i + 2, prefixModifier
	case strings.HasPrefix(w, "mid") && len(w) > 3 && !r.glued(i+1):
		// "midNovember" is rare; "mid-November" is the usual form.
		return i, 0
	case w == "early" || w == "late" || w == "mid" || w == "earlier" || w == "later":
		return i + 1, prefixModifier
	case w == "the" || w == "by" || w == "at" || w == "around":
		// "the end of 1990", "the middle of October", "the turn of the century"
		j := i
		if w != "the" {
			if r.w(i+1) != "the" {
				if w == "around" || w == "at" {
					if r.w(i+1) == "year" || r.w(i+1) == "year-end" {
						return i + 1, prefixModifier
					}
				}
				break
			}
			j = i + 1
		}
		if r.lx.modifiers[r.w(j+1)] && r.w(j+2) == "of" {
			if w != "the" {
				return i, 0
			}
			return j + 3, prefixModifier
		}
	}
	if ps, ok := r.lx.approx[w]; ok {
		for _, p := range ps {
			// "over the past year": the preposition stays out.
			if r.phraseAt(i, p.words) && r.w(i+len(p.words)) != "the" {
				return i + len(p.words), prefixApprox
			}
		}
	}
	return i, 0
}

// phraseAt reports whether the words follow from token i.
func (r *run) phraseAt(i int, words []string) bool {
	for k, w := range words {
		if r.w(i+k) != w {
			return false
		}
	}
	return true
}

// matchCore tries every rule at i and keeps the longest match; on a tie
// the earlier rule wins. modified is true when a modifier ("the end of")
// precedes, which turns "the year" from a duration into a date.
func (r *run) matchCore(i int, modified bool) (cand, bool) {
	var best cand
	found := false
	try := func(c cand, ok bool) {
		if ok && c.e > i && (!found || c.e > best.e) {
			best, found = c, true
		}
	}
	try(r.ruleTime(i))
	try(r.ruleExplicit(i))
	try(r.ruleYear(i))
	try(r.ruleDecade(i))
	try(r.ruleSeason(i))
	try(r.ruleQuarter(i))
	try(r.ruleWeekday(i))
	try(r.ruleDeictic(i))
	try(r.ruleHoliday(i))
	try(r.ruleRelUnit(i, modified))
	try(r.ruleAgo(i))
	try(r.ruleRef(i))
	try(r.ruleDuration(i))
	try(r.ruleSet(i))
	return best, found
}

// sentenceOpeners are the tokens after which a capital letter says
// nothing: ends of sentences, colons, quotes, brackets and dashes.
var sentenceOpeners = map[string]bool{".": true, "!": true, "?": true, ":": true, ";": true, "\"": true, "`": true,
	"'": true, "(": true, "[": true, "\u201c": true, "-": true, "\u2013": true, "\u2014": true, "_": true}

// inName reports whether an expression is part of a name rather than a
// time: one of its common time words ("week", "today", "minutes") is
// capitalised inside a sentence of running text (ABC's "This Week", CBS's
// "60 Minutes", "VOA Today"). Running text is a line with a lower-case
// word of four letters or more before the capital, so headings and
// all-capitals lines keep their dates; holidays keep their capitals.
func (r *run) inName(c cand) bool {
	if _, ok := r.lx.holidays[r.w(c.s)]; ok {
		return false
	}
	for k := c.s; k < c.e; k++ {
		tk := &r.toks[k]
		if !tk.cap || !r.lx.nameWords[tk.low] || k == 0 || tk.nl > 0 || sentenceOpeners[r.toks[k-1].low] {
			continue
		}
		for m := k - 1; m >= 0 && m >= k-40 && r.toks[m+1].nl == 0; m-- {
			if t := &r.toks[m]; t.kind == kWord && !t.cap && len(t.low) >= 4 {
				return true
			}
		}
	}
	return false
}
