package events

import (
	"strings"
	"time"

	"github.com/dossier-dev/dossier/schema"
)

// anchorKind says which end of the earlier happening a phrase points at.
type anchorKind int

const (
	anchorSince   anchorKind = iota + 1 // its start: "since the conflict began"
	anchorAfter                         // its end: "following the annexation"
	anchorShortly                       // a week after its end, to the month
)

// anchor is a phrase dating a clause by an earlier happening.
type anchor struct {
	kind       anchorKind
	start, end int // byte span of the phrase, cue included
	keys       []string
	onset      bool // the phrase names a start ("the start of", "began")
}

// findAnchor returns the first phrase in the clause that dates it by
// another happening: a cue ("since", "following", "shortly after")
// followed by a noun phrase that is not a date.
func (s *Stage) findAnchor(text string, cl clause, here []dated) (anchor, bool) {
	toks := cl.toks
	for i := 0; i < len(toks); i++ {
		var kind anchorKind
		n := 0
		if k := s.shortly.longestAt(toks, i); k > 0 {
			kind, n = anchorShortly, k
		} else if k := s.since.longestAt(toks, i); k > 0 {
			kind, n = anchorSince, k
		} else if k := s.after.longestAt(toks, i); k > 0 {
			kind, n = anchorAfter, k
		}
		if n == 0 || i+n >= len(toks) {
			continue
		}
		j := i + n
		if inDate(toks[j], here) {
			continue
		}
		a := anchor{kind: kind, start: toks[i].start}
		for k := j; k < len(toks) && k < j+8; k++ {
			t := toks[k]
			if k > j && strings.ContainsAny(text[toks[k-1].end:t.start], ",;:()") {
				break
			}
			if inDate(t, here) || (k > j && s.npEnd[t.w]) {
				break
			}
			a.end = t.end
			if s.onset.longestAt(toks, k) > 0 {
				a.onset = true
				continue
			}
			if s.function[t.w] {
				continue
			}
			a.keys = append(a.keys, strings.TrimSuffix(strings.TrimSuffix(t.w, "'s"), "’s"))
		}
		if len(a.keys) > 0 {
			return a, true
		}
	}
	return anchor{}, false
}

func inDate(t token, here []dated) bool {
	for _, d := range here {
		if t.start >= d.start && t.start < d.end {
			return true
		}
	}
	return false
}

// resolve finds the earlier event the anchor names and the date it gives:
// the event must contain the anchor's event noun ("annexation"), or for
// armed conflict any word for it together with a start ("military
// operations began" for "since the conflict began"); the one sharing most
// words wins, the earliest on ties.
func (s *Stage) resolve(a anchor, prior []schema.Event) (schema.Date, bool) {
	best, bestScore := -1, 0
	for i, e := range prior {
		if e.Date.Inferred || e.Date.Value == "" {
			continue
		}
		toks := tokenize(e.Evidence.Text, 0)
		has := map[string]bool{}
		hostile := false
		for _, t := range toks {
			has[t.w] = true
			if s.hostilities[t.w] {
				hostile = true
			}
		}
		started := false
		for k := range toks {
			if s.onset.longestAt(toks, k) > 0 {
				started = true
				break
			}
		}
		// "after the war" points at its end: a war or crisis the text
		// never ends dates nothing after it.
		if a.kind != anchorSince && !a.onset && e.Date.EndValue == "" && s.durative(a.keys) {
			continue
		}
		score, headOK := 0, false
		for _, k := range a.keys {
			switch {
			case s.hostilities[k]:
				// Armed conflict goes by many names; a start of it needs
				// an event that tells one.
				if hostile && (started || !(a.onset || a.kind == anchorSince)) {
					score++
					if has[k] {
						score++
					}
					headOK = true
				}
			case has[k]:
				score += 2
				if s.eventNouns[k] {
					headOK = true
				}
			}
		}
		if headOK && score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return schema.Date{}, false
	}
	src := prior[best].Date
	d := schema.Date{Value: src.Value, Precision: src.Precision, Inferred: true}
	if a.kind != anchorSince && src.EndValue != "" {
		d.Value = src.EndValue
		d.Precision = precisionOf(d.Value)
	}
	if a.kind == anchorShortly && len(d.Value) == 10 {
		if t, err := time.Parse("2006-01-02", d.Value); err == nil {
			d.Value = t.AddDate(0, 0, 7).Format("2006-01")
			d.Precision = schema.PrecisionMonth
		}
	}
	return d, true
}

// durative reports an anchor whose event word names a state that lasts
// (a war, a crisis) rather than a moment.
func (s *Stage) durative(keys []string) bool {
	for _, k := range keys {
		if s.hostilities[k] {
			return true
		}
	}
	return false
}

func precisionOf(v string) schema.Precision {
	_, p, _ := normValue(v)
	return p
}

// startsWithOwnTime reports a sentence opening with a time no date fixes
// ("At the conclusion of the war, …").
func (s *Stage) startsWithOwnTime(toks []token) bool {
	for i := 0; i < len(toks) && i < 3; i++ {
		if s.ownTime.longestAt(toks, i) > 0 {
			return true
		}
	}
	return false
}

// present reports a clause told in the present progressive ("is charging
// tolls", "are reportedly negotiating") about a named actor: it tells the
// state of things when the document was written. A relative clause
// ("…forces, which are negotiating") is about the clause before it.
func (s *Stage) present(doc *schema.Document, cl clause, prev *clause) bool {
	if s.negation.contains(cl.toks) {
		return false
	}
	for _, h := range cl.hits {
		if !h.verb {
			continue
		}
		k := -1
		for i, t := range cl.toks {
			if t.start == h.start {
				k = i
				break
			}
		}
		if k <= 0 || !strings.HasSuffix(cl.toks[k].w, "ing") {
			continue
		}
		ok := false
		// Up to two adverbs between the auxiliary and the verb.
		for j := k - 1; j >= 0 && j >= k-3; j-- {
			aux := cl.toks[j].w
			if s.progressive[aux] {
				ok = true
				break
			}
			if !strings.HasSuffix(aux, "ly") {
				break
			}
		}
		if !ok || s.modal.contains(cl.toks[:k]) {
			continue
		}
		a, p := s.clauseActors(doc, cl, prev)
		return len(a)+len(p) > 0
	}
	return false
}

// clauseActors lists the actors and people of a clause; a relative clause
// without any takes those of the clause before it.
func (s *Stage) clauseActors(doc *schema.Document, cl clause, prev *clause) (actors, people []string) {
	actors, people = actorsIn(doc, doc.RuneOffset(cl.start), doc.RuneOffset(cl.end))
	if prev == nil || len(cl.toks) == 0 || !s.relative[cl.toks[0].w] {
		return actors, people
	}
	if len(actors)+len(people) == 0 {
		return actorsIn(doc, doc.RuneOffset(prev.start), doc.RuneOffset(prev.end))
	}
	// "China, which pledged $500 million to WHO": the antecedent, the
	// actor named right before the pronoun, takes part too.
	if a, p := lastActor(doc, doc.RuneOffset(prev.start), doc.RuneOffset(cl.start)); a != "" {
		actors = union([]string{a}, actors)
		if p != "" {
			people = union([]string{p}, people)
		}
	}
	return actors, people
}

// publicationMonth is the document's publication date to the month, or
// false when it gives none that precise.
func publicationMonth(doc *schema.Document) (schema.Date, bool) {
	v := doc.Metadata.Published
	if len(v) < 7 || !monthRE.MatchString(v[:7]) {
		return schema.Date{}, false
	}
	return schema.Date{Value: v[:7], Precision: schema.PrecisionMonth, Inferred: true}, true
}

// actorGroup is the last group of actors a plural subject can name.
type actorGroup struct {
	actors, people []string
}

// resolveGroups gives the sentence's events whose clause opens with a
// group anaphor the group named before, and subject-less clauses the
// actors of the clause before them; it returns the group a later
// sentence's "they" names.
func (s *Stage) resolveGroups(doc *schema.Document, evs []schema.Event, g actorGroup, sb [2]int) actorGroup {
	resolved := false
	for i := range evs {
		e := &evs[i]
		toks := tokenize(e.Evidence.Text, 0)
		if len(toks) == 0 {
			continue
		}
		anaphor, pair := false, false
		for k := 0; k < len(toks) && k < 3; k++ {
			if n := s.pairWords.longestAt(toks, k); n > 0 && (len(g.people) >= 2 || len(g.actors) >= 2) {
				anaphor, pair = true, true
				break
			}
			if n := s.pluralWords.longestAt(toks, k); n > 0 && len(g.actors)+len(g.people) >= 2 {
				anaphor = true
				break
			}
		}
		switch {
		case anaphor && pair:
			// "The two leaders …" are the pair and no one else.
			e.Actors = union(g.actors, nil)
			e.People = union(g.people, nil)
			resolved = true
		case anaphor:
			// "Their exit from ECOWAS": the group, and whom the clause
			// names besides.
			e.Actors = union(g.actors, e.Actors)
			e.People = union(g.people, e.People)
			resolved = true
		case i > 0 && len(e.Actors)+len(e.People) == 0 && s.opensWithVerb(toks):
			e.Actors = union(evs[i-1].Actors, nil)
			e.People = union(evs[i-1].People, nil)
		}
	}
	if resolved {
		return g
	}
	acts, ppl := actorsIn(doc, doc.RuneOffset(sb[0]), doc.RuneOffset(sb[1]))
	switch {
	case len(ppl) >= 2:
		g = actorGroup{people: ppl}
		for _, a := range doc.Actors {
			if a.Country != "" && contains(ppl, a.Name) {
				g.actors = union(g.actors, []string{a.Country})
			}
		}
	case len(acts) >= 2:
		g = actorGroup{actors: acts}
	}
	return g
}

// opensWithVerb reports a clause whose first word (after "and", "but" or
// "then") is a past verb: it shares the subject of the clause before.
func (s *Stage) opensWithVerb(toks []token) bool {
	if len(toks) > 1 && (toks[0].w == "and" || toks[0].w == "but" || toks[0].w == "then") {
		toks = toks[1:]
	}
	return strings.HasSuffix(toks[0].w, "ed") || s.past[toks[0].w]
}

func union(a, b []string) []string {
	out := []string{}
	for _, x := range append(append([]string{}, a...), b...) {
		if !contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// titleActors lists the states and organisations the document's title
// names ("Japan-Russia Relations: …").
func titleActors(doc *schema.Document) []string {
	te := doc.Metadata.TitleEvidence
	if te == nil || te.End <= te.Start {
		return nil
	}
	a, _ := actorsIn(doc, te.Start, te.End)
	return a
}

// dropSuppressed removes trigger verbs a preceding word keeps from
// happening ("to pass without being fired upon", "for fear of attack").
func (s *Stage) dropSuppressed(toks []token, hits []hit) []hit {
	out := hits[:0]
	for _, h := range hits {
		k := 0
		for k < len(toks) && toks[k].start < h.start {
			k++
		}
		lo := max(0, k-3)
		if s.suppress.contains(toks[lo:k]) {
			continue
		}
		out = append(out, h)
	}
	return out
}

// lastActor is the state or organisation (or person, with their state)
// mentioned last in the code-point span, when nothing but punctuation
// follows it: the antecedent of a relative pronoun right after the span.
func lastActor(doc *schema.Document, st, en int) (actor, person string) {
	best := -1
	var ba schema.Actor
	for _, a := range doc.Actors {
		for _, m := range a.Mentions {
			if m.Start >= st && m.End <= en && m.End > best {
				best, ba = m.End, a
			}
		}
	}
	if best < 0 || strings.Trim(doc.Slice(schema.Span{Start: best, End: en}), " ,\n") != "" {
		return "", ""
	}
	if ba.Kind == schema.ActorPerson {
		return ba.Country, ba.Name
	}
	return ba.Name, ""
}
