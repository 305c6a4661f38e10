package events

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/schema"
)

// StageName is the name the stage is registered under.
const StageName = "events"

// Stage extracts events. Built once per run; safe for concurrent use.
type Stage struct {
	triggers    *matcher
	past        map[string]bool
	comparison  phraseSet
	forecast    phraseSet
	horizon     phraseSet
	publication phraseSet
	negation    phraseSet
	modal       phraseSet
	temporal    phraseSet
	breaks      []string
	subord      map[string]bool
	rangeEnd    phraseSet
	since       phraseSet
	after       phraseSet
	shortly     phraseSet
	ownTime     phraseSet
	onset       phraseSet
	hostilities map[string]bool
	function    map[string]bool
	npEnd       map[string]bool
	relative    map[string]bool
	pairWords   phraseSet
	suppress    phraseSet
	pluralWords phraseSet
	links       phraseSet
	progressive map[string]bool
	perfect     map[string]bool
	eventNouns  map[string]bool
	announce    map[string]bool
	// continuation holds the prepositions a verbless fragment opens with.
	continuation map[string]bool
}

// Factory builds the stage; extract.triggers replaces the built-in list.
func Factory(cfg *config.Config) (*Stage, error) {
	path := ""
	if cfg != nil {
		path = cfg.Extract.Triggers
	}
	l, err := LoadLexicon(path)
	if err != nil {
		return nil, err
	}
	return New(l), nil
}

// New builds the stage from a lexicon.
func New(l *Lexicon) *Stage {
	s := &Stage{triggers: newMatcher(), past: map[string]bool{},
		comparison: newPhraseSet(l.NotEvent.ComparisonBefore), forecast: newPhraseSet(l.NotEvent.ForecastBefore),
		horizon: newPhraseSet(l.NotEvent.HorizonAfter), publication: newPhraseSet(l.NotEvent.PublicationBefore),
		negation: newPhraseSet(l.NotEvent.Negation), modal: newPhraseSet(l.NotEvent.Modal),
		temporal: newPhraseSet(l.TemporalPrepositions), breaks: l.ClauseBreaks, subord: map[string]bool{},
		rangeEnd: newPhraseSet(l.RangeEndBefore), since: newPhraseSet(l.Context.Since), after: newPhraseSet(l.Context.After),
		shortly: newPhraseSet(l.Context.ShortlyAfter), ownTime: newPhraseSet(l.Context.OwnTime), onset: newPhraseSet(l.Context.Onset),
		hostilities: wordSet(l.Context.Hostilities), function: wordSet(l.Context.Function), npEnd: wordSet(l.Context.NPEnd), relative: wordSet(l.RelativePronouns), pairWords: newPhraseSet(l.Anaphora.Pair), suppress: newPhraseSet(l.SuppressBefore), pluralWords: newPhraseSet(l.Anaphora.Plural), links: newPhraseSet(l.Context.NarrativeLink),
		progressive: wordSet(l.Present.Progressive), perfect: wordSet(l.Present.Perfect), eventNouns: map[string]bool{},
		announce: map[string]bool{}, continuation: wordSet(l.Continuation)}
	for _, w := range l.AnnounceVerbs {
		s.announce[strings.Join(words(w), " ")] = true
	}
	for _, ns := range l.Nouns {
		for _, n := range ns {
			if w := words(n); len(w) == 1 {
				s.eventNouns[w[0]] = true
			}
		}
	}
	for w := range s.hostilities {
		s.eventNouns[w] = true
	}
	for _, w := range l.Subordinators {
		s.subord[strings.ToLower(w)] = true
	}
	for _, p := range l.Past {
		s.past[strings.ToLower(p)] = true
	}
	// Listed entries first; then the regular forms of verbs listed in
	// their base form, unless a listed entry spells the same words (a
	// listed noun "meeting" stays a noun).
	// A base form that is also a listed noun ("visit", "request") is the
	// noun: "a scheduled visit was postponed" is about the postponement.
	listed := map[string]bool{}
	for _, typ := range Types {
		for _, w := range l.Nouns[typ] {
			ws := phraseWords(w)
			listed[strings.Join(ws, " ")] = true
			s.triggers.add(phrase{words: ws, typ: typ})
		}
	}
	for _, typ := range Types {
		for _, w := range l.Verbs[typ] {
			ws := phraseWords(w)
			if k := strings.Join(ws, " "); !listed[k] || len(inflect(ws, s.past)) == 0 {
				listed[k] = true
				s.triggers.add(phrase{words: ws, typ: typ, verb: true})
			}
		}
	}
	for _, typ := range Types {
		for _, w := range l.Verbs[typ] {
			for _, f := range inflect(phraseWords(w), s.past) {
				if k := strings.Join(f, " "); !listed[k] {
					listed[k] = true
					s.triggers.add(phrase{words: f, typ: typ, verb: true})
				}
			}
		}
	}
	s.triggers.sort()
	return s
}

// dated is a candidate date of the document, in byte offsets.
type dated struct {
	date       schema.Date
	start, end int
}

// clause is a stretch of a sentence, byte offsets.
type clause struct {
	start, end int
	toks       []token
	hits       []hit
}

var fyRE = regexp.MustCompile(`^FY\d{4}$`)

// Process fills doc.Events.
func (s *Stage) Process(_ context.Context, doc *schema.Document) error {
	doc.Events = doc.Events[:0]
	text := doc.Text
	cands := s.candidates(doc)
	sentences := sentenceBytes(doc)
	paraOf := paragraphIndex(doc, sentences)
	var events []schema.Event
	narrative := schema.Date{}
	narrativeAge, lastPara := 99, -1
	pub, hasPub := publicationMonth(doc)
	var group actorGroup
	subject := titleActors(doc)
	for si, sb := range sentences {
		if paraOf[si] != lastPara {
			narrative, narrativeAge, lastPara = schema.Date{}, 99, paraOf[si]
		}
		var here []dated
		for _, c := range cands {
			if c.start >= sb[0] && c.start < sb[1] {
				here = append(here, c)
			}
		}
		here = s.dropNamedRepeats(text, here)
		here = s.mergeRanges(text, here)
		here = dropVaguer(text, here)
		clauses := s.clauses(text, sb[0], sb[1], here)
		used := map[int]bool{}
		var sentEvents []schema.Event
		fallback := map[int]typeFallback{} // evidence start → type without an actor
		seen := map[string]bool{}
		for _, d := range here {
			key := d.date.Value + "/" + d.date.EndValue
			ci := clauseAt(clauses, d.start)
			if seen[key+"/"+strconv.Itoa(ci)] {
				continue
			}
			seen[key+"/"+strconv.Itoa(ci)] = true
			cl := clauses[ci]
			if s.negation.contains(cl.toks) {
				continue
			}
			used[ci] = true
			ev, verb := s.event(doc, cl, prevClause(clauses, ci), d.date, d.start, "dated-clause")
			// "As of April 7, … since the start of the operations": a
			// state from the earlier happening to the date.
			if ev.Date.EndValue == "" && s.rangeEnd.endsWith(tokenize(text[cl.start:d.start], cl.start)) {
				if a, ok := s.findAnchor(text, cl, here); ok && a.kind == anchorSince {
					if ad, ok := s.resolve(a, append(events[:len(events):len(events)], sentEvents...)); ok && ad.Value < ev.Date.Value {
						ev.Date.EndValue = ev.Date.Value
						ev.Date.Value = ad.Value
						ev.Date.Precision = ad.Precision
						ev.Date.Inferred = true
					}
				}
			}
			if ci > 0 && s.ellipsis(cl) {
				if h, ok := pickTrigger(clauses[ci-1].hits, clauses[ci-1].end); ok {
					ev.Type = h.typ
				}
			}
			// "binding agreements on search and rescue in 2011, on oil
			// spills two years later, and on science in 2017": a fragment
			// continues the happening before it.
			if n := len(sentEvents); n > 0 && len(cl.hits) == 0 && s.fragment(cl) {
				p := sentEvents[n-1]
				ev.Type = p.Type
				if len(ev.Actors)+len(ev.People) == 0 {
					ev.Actors, ev.People = union(p.Actors, nil), union(p.People, nil)
				}
			}
			ev.Sentence = doc.SentenceAt(doc.RuneOffset(sb[0]))
			fallback[ev.Evidence.Start] = typeFallback{noun: nounType(cl.hits, cl.start), verb: verb}
			sentEvents = append(sentEvents, ev)
		}
		// Clauses without a date of their own are dated, in this order, by
		// the earlier happening a phrase names ("since the conflict
		// began"), by the publication month when told in the present
		// progressive or perfect, by the sentence's date, or by the
		// narrative's when the sentence links back to it.
		var sentToks []token
		linked := func() bool {
			if sentToks == nil {
				sentToks = tokenize(text[sb[0]:sb[1]], sb[0])
			}
			return s.links.contains(sentToks) && !s.startsWithOwnTime(sentToks)
		}
		for ci, cl := range clauses {
			if used[ci] || doc.InBoilerplate(doc.RuneOffset(cl.start)) {
				continue
			}
			var date schema.Date
			rule := ""
			anchored := false
			if a, ok := s.findAnchor(text, cl, here); ok && !s.negation.contains(cl.toks) {
				anchored = true
				if d, ok := s.resolve(a, append(events[:len(events):len(events)], sentEvents...)); ok {
					// The anchor's words ("the start of the conflict") name
					// the earlier happening, not this one's type.
					var hits []hit
					for _, h := range cl.hits {
						if h.start < a.start || h.start >= a.end {
							hits = append(hits, h)
						}
					}
					cl.hits = hits
					date, rule = d, "anchored-date"
					date.Text, date.Start, date.End = text[a.start:a.end], doc.RuneOffset(a.start), doc.RuneOffset(a.end)
				}
			}
			if rule == "" && !anchored && hasPub {
				if s.present(doc, cl, prevClause(clauses, ci)) {
					date, rule = pub, "present-tense"
				}
			}
			if rule == "" && !anchored && s.narrates(doc, cl, len(here) == 0) {
				if len(here) > 0 {
					date, rule = nearestDate(here, cl), "sentence-date"
				} else if narrative.Value != "" && narrativeAge <= 2 && linked() {
					date = narrative
					date.Inferred = true
					rule = "narrative-date"
				}
			}
			if rule == "" {
				continue
			}
			ev, verb := s.event(doc, cl, prevClause(clauses, ci), date, cl.start, rule)
			if ci > 0 && s.ellipsis(cl) && len(sentEvents) > 0 {
				ev.Type = sentEvents[len(sentEvents)-1].Type
			}
			ev.Sentence = doc.SentenceAt(doc.RuneOffset(sb[0]))
			switch rule {
			case "narrative-date":
				e := ev.Evidence
				doc.Warn(StageName, "inferred-date", fmt.Sprintf("event dated %s from the surrounding sentences only; check the date", date.Value), &e)
			case "anchored-date":
				e := ev.Evidence
				doc.Warn(StageName, "inferred-date", fmt.Sprintf("event dated %s by the earlier happening %q names; check the date", date.Value, date.Text), &e)
			case "present-tense":
				e := ev.Evidence
				doc.Warn(StageName, "inferred-date", fmt.Sprintf("event told in the present, dated by the publication month %s; check the date", date.Value), &e)
			}
			fallback[ev.Evidence.Start] = typeFallback{noun: nounType(cl.hits, cl.start), verb: verb}
			sentEvents = append(sentEvents, ev)
		}
		sort.SliceStable(sentEvents, func(i, j int) bool { return sentEvents[i].Evidence.Start < sentEvents[j].Evidence.Start })
		group = s.resolveGroups(doc, sentEvents, group, sb)
		var sentActors []string
		if len(sentEvents) > 0 {
			sentActors, _ = actorsIn(doc, doc.RuneOffset(sb[0]), doc.RuneOffset(sb[1]))
		}
		for i := range sentEvents {
			e := &sentEvents[i]
			// A clause without a named actor ("military officers seized
			// power in three states: Mali, …"; "the mission completed its
			// withdrawal") is about the states its sentence names; only
			// a sentence without any falls back to the document's subject.
			fb := fallback[e.Evidence.Start]
			if len(e.Actors)+len(e.People) == 0 && len(sentActors) > 0 {
				e.Actors = union(sentActors, nil)
			}
			// PLOVER types are interactions between political actors: a
			// happening without one ("60 applications were approved") is
			// not one.
			if interaction(e.Type) && fb.verb && len(e.Actors)+len(e.People) == 0 {
				e.Type = fb.noun
			}
			// A report about a state or organisation: what happens without
			// a named actor in it happens to that subject.
			if len(e.Actors)+len(e.People) == 0 && len(subject) > 0 {
				e.Actors = union(subject, nil)
			}
		}
		events = append(events, sentEvents...)
		if len(here) > 0 {
			narrative = schema.Date{}
			// A range dates no single moment to carry on.
			if last := here[len(here)-1].date; last.EndValue == "" {
				narrative = last
				narrative.Inferred = false
			}
			narrativeAge = 0
		} else {
			narrativeAge++
		}
	}
	for i := range events {
		events[i].ID = fmt.Sprintf("E%d", i+1)
		events[i].Notes = notesIn(doc, events[i].Sentence)
		if events[i].Date.Inferred && events[i].Rule == "dated-clause" {
			e := events[i].Evidence
			doc.Warn(StageName, "inferred-date", fmt.Sprintf("date %q read as %s from context; check it", events[i].Date.Text, events[i].Date.Value), &e)
		}
	}
	if events == nil {
		events = []schema.Event{}
	}
	doc.Events = events
	return nil
}

// narrates reports whether an undated clause tells a happening: a past
// trigger verb with no modal or negation before it, and a named actor.
// Across sentences (fromContext) descriptive statistics ("accounted for")
// do not inherit a date.
func (s *Stage) narrates(doc *schema.Document, cl clause, fromContext bool) bool {
	var trig *hit
	for i, h := range cl.hits {
		if h.past && !(fromContext && (h.typ == "economic" || h.typ == "other")) {
			trig = &cl.hits[i]
			break
		}
	}
	if trig == nil || s.negation.contains(cl.toks) {
		return false
	}
	var pre []token
	for _, t := range cl.toks {
		if t.start >= trig.start {
			break
		}
		pre = append(pre, t)
	}
	if s.modal.contains(pre) {
		return false
	}
	// "Macron has repeatedly said …": the present perfect tells a
	// standing view, not a happening the sentence's date fixes.
	if n := len(pre); n > 0 {
		for _, t := range pre[max(0, n-3):] {
			if s.perfect[t.w] {
				return false
			}
		}
	}
	a, p := actorsIn(doc, doc.RuneOffset(cl.start), doc.RuneOffset(cl.end))
	return len(a)+len(p) > 0
}

func nearestDate(here []dated, cl clause) schema.Date {
	best := here[0]
	bestD := 1 << 62
	for _, d := range here {
		dist := d.start - cl.start
		if dist < 0 {
			dist = -dist
		}
		if d.start < cl.start {
			dist /= 2 // prefer the date told before
		}
		if dist < bestD {
			best, bestD = d, dist
		}
	}
	return best.date
}

// prevClause is the clause before clause i of a sentence, or nil.
func prevClause(cs []clause, i int) *clause {
	if i <= 0 {
		return nil
	}
	return &cs[i-1]
}

func clauseAt(cs []clause, b int) int {
	for i, c := range cs {
		if b >= c.start && b < c.end {
			return i
		}
	}
	return len(cs) - 1
}

// event builds one event from a clause.
//
// verb reports whether the trigger is a verb: a verb of interaction needs
// actors, a noun names the happening by itself.
func (s *Stage) event(doc *schema.Document, cl clause, prev *clause, date schema.Date, at int, rule string) (ev schema.Event, verb bool) {
	ev = schema.Event{Date: date, Type: "other", Rule: rule}
	ev.Evidence = doc.EvidenceBytes(cl.start, cl.end)
	h, ok := pickTrigger(cl.hits, at)
	if n, named := namedTrigger(doc.Text, cl, at); named && rule == "dated-clause" {
		h, ok = n, true
	}
	if ok {
		h = s.announced(cl.hits, h)
		ev.Type = h.typ
		ev.Trigger = doc.Text[h.start:h.end]
		verb = h.verb
	}
	ev.Actors, ev.People = s.clauseActors(doc, cl, prev)
	ev.Summary = summary(ev.Evidence.Text)
	return ev, verb
}

// namedTrigger returns the trigger noun in a capitalised name the date
// qualifies: "the revised ECOWAS Treaty of 1993", "the Framework
// Convention on Tobacco Control in 2003". The date is that thing's, so
// its noun types the event before any verb of the clause.
func namedTrigger(text string, cl clause, at int) (hit, bool) {
	for i := len(cl.hits) - 1; i >= 0; i-- {
		h := cl.hits[i]
		if h.verb || h.end > at {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[h.start:h.end])
		if !unicode.IsUpper(r) {
			return hit{}, false
		}
		between := tokenize(text[h.end:at], h.end)
		if len(between) > 6 {
			return hit{}, false
		}
		for _, t := range between {
			r, _ := utf8.DecodeRuneInString(text[t.start:t.end])
			if !unicode.IsUpper(r) && !nameJoiners[t.w] {
				return hit{}, false
			}
		}
		return h, true
	}
	return hit{}, false
}

// nameJoiners are the small words inside a name or between a name and
// its date ("Convention on Tobacco Control in 2003", "Treaty of 1993").
var nameJoiners = map[string]bool{"of": true, "on": true, "in": true, "the": true, "for": true, "and": true, "dated": true}

// announced looks past an announcing verb to what was announced: "Niger
// announced that it was revoking the agreement" is a rejection,
// "announced its withdrawal from WHO" too. The first interaction trigger
// after the verb wins; without one the announcement is a statement.
func (s *Stage) announced(hits []hit, h hit) hit {
	if !h.verb || !s.announce[strings.Join(h.words, " ")] {
		return h
	}
	for _, o := range hits {
		if o.start > h.start && interaction(o.typ) {
			return o
		}
	}
	return h
}

// typeFallback is what an event's type falls back to when its verb of
// interaction has no actor: the type of its nouns.
type typeFallback struct {
	noun string
	verb bool // the event's trigger is a verb
}

// nounType is the type of the clause's trigger nouns alone ("signed a
// treaty" → agree), or "other": the type of a happening whose verb needs
// actors the clause does not name.
func nounType(hits []hit, at int) string {
	var nouns []hit
	for _, h := range hits {
		if !h.verb {
			nouns = append(nouns, h)
		}
	}
	if h, ok := pickTrigger(nouns, at); ok {
		return h.typ
	}
	return "other"
}

// pickTrigger chooses the clause's trigger: the verb nearest the date,
// else the interaction noun nearest it, else any noun nearest it.
func pickTrigger(hits []hit, at int) (hit, bool) {
	best, found := hit{}, false
	rank := func(h hit) int {
		switch {
		case h.verb && !h.infinitive:
			return 0
		case h.verb:
			return 1
		}
		return 2
	}
	dist := func(h hit) int {
		d := h.start - at
		if d < 0 {
			d = -d
		}
		return d
	}
	for _, h := range hits {
		if !found || rank(h) < rank(best) || (rank(h) == rank(best) && dist(h) < dist(best)) {
			best, found = h, true
		}
	}
	return best, found
}

// actorsIn lists the states/organisations and the people mentioned in a
// code-point span; people add their states.
func actorsIn(doc *schema.Document, st, en int) (actors, people []string) {
	actors, people = []string{}, []string{}
	add := func(list []string, x string) []string {
		for _, y := range list {
			if y == x {
				return list
			}
		}
		return append(list, x)
	}
	for _, a := range doc.Actors {
		for _, m := range a.Mentions {
			if m.Start >= st && m.End <= en {
				if a.Kind == schema.ActorPerson {
					people = add(people, a.Name)
					if a.Country != "" {
						actors = add(actors, a.Country)
					}
				} else {
					actors = add(actors, a.Name)
					// An armed group or agency acting for a state
					// ("the Wagner Group", "the IRGC") involves it.
					if a.Country != "" {
						actors = add(actors, a.Country)
					}
				}
				break
			}
		}
	}
	return actors, people
}

// summary is the clause, spaces squeezed, cut at a word near 100 characters.
func summary(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimLeft(s, ",;: ")
	if r := []rune(s); len(r) > 100 {
		cut := string(r[:100])
		if k := strings.LastIndexByte(cut, ' '); k > 40 {
			cut = cut[:k]
		}
		s = cut + " …"
	}
	return s
}

// notesIn lists the citations whose markers fall inside sentence si.
func notesIn(doc *schema.Document, si int) []string {
	if si < 0 || si >= len(doc.Sentences) {
		return nil
	}
	sp := doc.Sentences[si]
	var out []string
	for _, c := range doc.Citations {
		for _, m := range c.Markers {
			if m.Start >= sp.Start && m.Start < sp.End {
				out = append(out, c.ID)
				break
			}
		}
	}
	return out
}

// fragment reports a clause that opens with a preposition, after "and"
// or "or": a verbless continuation of the clause before it.
func (s *Stage) fragment(cl clause) bool {
	toks := cl.toks
	if len(toks) > 1 && (toks[0].w == "and" || toks[0].w == "or") {
		toks = toks[1:]
	}
	return len(toks) > 1 && s.continuation[toks[0].w]
}

// ellipsis reports a clause that borrows its verb from the one before
// ("…was postponed, as was Putin's visit").
func (s *Stage) ellipsis(cl clause) bool {
	return len(cl.toks) >= 2 && cl.toks[0].w == "as" && (cl.toks[1].w == "was" || cl.toks[1].w == "were" || cl.toks[1].w == "did")
}

// dropVaguer drops a relative date written without digits ("less than a
// year later") when a date it contains follows or precedes it closely
// ("…, on March 3, 2022"): both name one moment, the exact one wins.
func dropVaguer(text string, here []dated) []dated {
	if len(here) < 2 {
		return here
	}
	var out []dated
	for i, d := range here {
		drop := false
		if d.date.EndValue == "" && !strings.ContainsAny(text[d.start:d.end], "0123456789") {
			for j, o := range here {
				gap := o.start - d.end
				if o.start < d.start {
					gap = d.start - o.end
				}
				if j != i && o.date.EndValue == "" && strings.HasPrefix(o.date.Value, d.date.Value+"-") && gap >= 0 && gap < 40 {
					drop = true
					break
				}
			}
		}
		if !drop {
			out = append(out, d)
		}
	}
	return out
}
