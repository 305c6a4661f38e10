package actors

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/dossier-dev/dossier/schema"
)

// StageName is the name the stage is registered under.
const StageName = "actors"

// entity is one canonical actor the matcher can report.
type entity struct {
	name    string
	kind    string
	roles   []string
	country string
}

// alias is one surface form of an entity.
type alias struct {
	text    string
	entity  int
	capital bool
}

// Stage finds actors. It is built once per run and is safe for concurrent
// use: Process keeps its state on the stack.
type Stage struct {
	entities []entity
	byName   map[string]int
	// byFirst indexes aliases by their first word, longest first.
	byFirst map[string][]alias
	titleRE *regexp.Regexp
	// titleFirst holds the first words a title match can start with, so the
	// regexp only runs where one stands.
	titleFirst map[string]bool
	stop       map[string]bool
	venue      map[string]bool
	place      map[string]bool
}

// New builds the stage from a gazetteer.
func New(g *Gazetteer) (*Stage, error) {
	s := &Stage{byName: map[string]int{}, byFirst: map[string][]alias{},
		stop: set(g.NameStopwords), venue: set(g.VenueNouns), place: set(g.PlacePrepositions)}
	add := func(kind string, es []Entry) {
		for _, e := range es {
			id := len(s.entities)
			s.entities = append(s.entities, entity{name: e.Name, kind: kind, roles: e.Roles, country: e.Country})
			s.byName[e.Name] = id
			s.addAlias(alias{text: e.Name, entity: id})
			for _, a := range append(append([]string{}, e.Aliases...), e.Demonyms...) {
				s.addAlias(alias{text: a, entity: id})
			}
			if e.Capital != "" {
				s.addAlias(alias{text: e.Capital, entity: id, capital: true})
			}
		}
	}
	add(schema.ActorState, g.States)
	add(schema.ActorOrganisation, g.Organisations)
	add(schema.ActorPerson, g.People)
	for k := range s.byFirst {
		list := s.byFirst[k]
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].text) > len(list[j].text) })
	}
	titles := append([]string{}, g.Titles...)
	sort.Slice(titles, func(i, j int) bool { return len(titles[i]) > len(titles[j]) })
	quoted := make([]string, len(titles))
	for i, t := range titles {
		quoted[i] = regexp.QuoteMeta(t)
	}
	if len(quoted) > 0 {
		pat := `^(?:(?:[Tt]hen|[Ff]ormer)[- ])?(` + strings.Join(quoted, "|") + `)` +
			`(?:\s+of\s+(?:the\s+)?[A-Z][\p{L}-]*(?:\s+[A-Z][\p{L}-]*)*(?:\s+(?:city|province|prefecture|county|state|region))?)?` +
			`\s+((?:[A-Z][\p{L}'.-]*\s+){0,3}[A-Z][\p{L}'-]+)`
		re, err := regexp.Compile(pat)
		if err != nil {
			return nil, fmt.Errorf("gazetteer titles: %w", err)
		}
		s.titleRE = re
		s.titleFirst = set([]string{"then", "Then", "former", "Former"})
		for _, t := range titles {
			s.titleFirst[firstWord(t)] = true
		}
	}
	return s, nil
}

func set(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func (s *Stage) addAlias(a alias) {
	if a.text == "" {
		return
	}
	fw := firstWord(a.text)
	if fw == "" {
		return
	}
	s.byFirst[fw] = append(s.byFirst[fw], a)
}

// firstWord is the leading run of letters and digits.
func firstWord(t string) string {
	for i, r := range t {
		if !isWordRune(r) {
			return t[:i]
		}
	}
	return t
}

// mention is a found name, in byte offsets until the end.
type mention struct {
	entity     int
	start, end int
	surface    string
	role       string
}

// found is the per-document state of one Process call.
type found struct {
	entities []entity
	byName   map[string]int
	mentions []mention
	roles    map[int][]string
	country  map[int]string
}

// Process fills doc.Actors.
func (s *Stage) Process(_ context.Context, doc *schema.Document) error {
	f := &found{entities: append([]entity{}, s.entities...), byName: map[string]int{}, roles: map[int][]string{}, country: map[int]string{}}
	for k, v := range s.byName {
		f.byName[k] = v
	}
	text := doc.Text
	inBoiler := func(b int) bool { return len(doc.Boilerplate) > 0 && doc.InBoilerplate(doc.RuneOffset(b)) }

	// Pass 1: gazetteer aliases.
	covered := make([]bool, len(text)+1) // byte offsets already inside a mention
	for i := 0; i < len(text); {
		r := runeAt(text, i)
		if !isWordRune(r) || isWordRune(runeBefore(text, i)) {
			i += max(1, len(string(r)))
			continue
		}
		w := firstWord(text[i:])
		m, ok := s.matchAt(text, i, w)
		if ok && !inBoiler(i) {
			f.mentions = append(f.mentions, m)
			for b := m.start; b < m.end; b++ {
				covered[b] = true
			}
			i = m.end
			continue
		}
		i += len(w)
	}

	// Pass 2: people introduced by a title.
	if s.titleRE != nil {
		for _, loc := range s.titleMatches(text) {
			if inBoiler(loc[0]) {
				continue
			}
			if isWordRune(runeBefore(text, loc[0])) || inQuotedTitle(text, loc[0]) {
				continue
			}
			title := text[loc[2]:loc[3]]
			ns, ne := s.trimName(text, loc[4], loc[5])
			if ns < 0 {
				continue
			}
			name := text[ns:ne]
			id := f.person(name, s)
			if id < 0 {
				continue
			}
			f.addRole(id, title)
			if c := s.stateBefore(f, loc[0]); c != "" && f.country[id] == "" && f.entities[id].country == "" {
				f.country[id] = c
			}
			// Replace any shorter mentions inside the name by the full one.
			f.dropInside(ns, ne)
			f.mentions = append(f.mentions, mention{entity: id, start: ns, end: ne, surface: name, role: title})
			for b := ns; b < ne; b++ {
				covered[b] = true
			}
		}
	}

	// Pass 3: surnames of people named in full.
	surnames := map[string]int{}
	for _, m := range f.mentions {
		e := f.entities[m.entity]
		if e.kind != schema.ActorPerson || m.surface != e.name {
			continue
		}
		parts := strings.Fields(e.name)
		if len(parts) < 2 {
			continue
		}
		surnames[parts[len(parts)-1]] = m.entity
	}
	for sn, id := range surnames {
		for off := 0; ; {
			j := strings.Index(text[off:], sn)
			if j < 0 {
				break
			}
			st, en := off+j, off+j+len(sn)
			off = en
			if isWordRune(runeBefore(text, st)) || isWordRune(runeAt(text, en)) || covered[st] || inBoiler(st) {
				continue
			}
			f.mentions = append(f.mentions, mention{entity: id, start: st, end: en, surface: sn})
			for b := st; b < en; b++ {
				covered[b] = true
			}
		}
	}
	doc.Actors = f.actors(doc)
	return nil
}

// inQuotedTitle reports whether byte i lies inside a quotation opened on
// its line: a headline quoted in a reference ("Senator Demands Action for
// …") is capitalised word by word and names no one.
func inQuotedTitle(text string, i int) bool {
	ls := strings.LastIndexByte(text[:i], '\n') + 1
	line := text[ls:i]
	if strings.Count(line, "“") > strings.Count(line, "”") {
		return true
	}
	return strings.Count(line, `"`)%2 == 1
}

// titleMatches finds the title patterns, running the regexp only at words
// that can start one.
func (s *Stage) titleMatches(text string) [][]int {
	var out [][]int
	for i := 0; i < len(text); {
		r := runeAt(text, i)
		if !isWordRune(r) || isWordRune(runeBefore(text, i)) {
			i += max(1, len(string(r)))
			continue
		}
		w := firstWord(text[i:])
		if s.titleFirst[w] {
			end := min(len(text), i+240)
			if loc := s.titleRE.FindStringSubmatchIndex(text[i:end]); loc != nil {
				for k := range loc {
					if loc[k] >= 0 {
						loc[k] += i
					}
				}
				out = append(out, loc)
				i = loc[1]
				continue
			}
		}
		i += len(w)
	}
	return out
}

// matchAt tries the aliases starting with word w at byte i.
func (s *Stage) matchAt(text string, i int, w string) (mention, bool) {
	for _, a := range s.byFirst[w] {
		if !strings.HasPrefix(text[i:], a.text) {
			continue
		}
		end := i + len(a.text)
		last := runeBefore(text, end)
		if isWordRune(last) && isWordRune(runeAt(text, end)) {
			continue
		}
		if a.capital && s.place[prevWord(text, i)] {
			return mention{}, false
		}
		if s.venueAfter(text, end) {
			return mention{}, false
		}
		return mention{entity: a.entity, start: i, end: end, surface: a.text}, true
	}
	return mention{}, false
}

// venueAfter reports whether a venue noun ("Summit") follows, possibly
// after a parenthesised acronym: "Asia-Pacific Economic Cooperation (APEC)
// Summit" names a meeting, not the organisation acting.
func (s *Stage) venueAfter(text string, end int) bool {
	rest := text[end:]
	rest = strings.TrimPrefix(rest, ")")
	if strings.HasPrefix(rest, " (") {
		if k := strings.IndexByte(rest, ')'); k > 0 && k < 20 {
			rest = rest[k+1:]
		}
	}
	if !strings.HasPrefix(rest, " ") {
		return false
	}
	return s.venue[firstWord(rest[1:])]
}

// prevWord is the word before byte i.
func prevWord(text string, i int) string {
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\n') {
		j--
	}
	k := j
	for k > 0 && isWordRune(runeBefore(text, k)) {
		_, sz := decodeLast(text[:k])
		k -= sz
	}
	return text[k:j]
}

// trimName cuts a title's name candidate at the first stopword and drops a
// possessive; it returns -1 when nothing name-like remains.
func (s *Stage) trimName(text string, st, en int) (int, int) {
	name := text[st:en]
	for _, suf := range []string{"'s", "'"} {
		name = strings.TrimSuffix(name, suf)
	}
	words := strings.Fields(name)
	keep := 0
	for _, w := range words {
		if s.stop[strings.TrimRight(w, ".")] {
			break
		}
		keep++
	}
	if keep == 0 {
		return -1, -1
	}
	// Map the kept words back to offsets.
	pos := st
	for i, w := range words[:keep] {
		k := strings.Index(text[pos:], w)
		pos += k
		if i == keep-1 {
			end := pos + len(w)
			for end > st && text[end-1] == '.' && keep > 1 {
				end--
			}
			return st, end
		}
		pos += len(w)
	}
	return -1, -1
}

// person returns the entity for a name found after a title, adding a new
// person when the gazetteer does not know it.
func (f *found) person(name string, s *Stage) int {
	if id, ok := f.byName[name]; ok {
		if f.entities[id].kind == schema.ActorPerson {
			return id
		}
		return -1
	}
	if w := firstWord(name); w != "" {
		for _, a := range s.byFirst[w] {
			if a.text == name {
				if s.entities[a.entity].kind == schema.ActorPerson {
					return a.entity
				}
				return -1
			}
		}
	}
	// A single word may be the surname of someone already known.
	if !strings.Contains(name, " ") {
		for id, e := range f.entities {
			if e.kind == schema.ActorPerson && strings.HasSuffix(e.name, " "+name) {
				return id
			}
		}
	}
	id := len(f.entities)
	f.entities = append(f.entities, entity{name: name, kind: schema.ActorPerson})
	f.byName[name] = id
	return id
}

func (f *found) addRole(id int, title string) {
	for _, r := range f.roles[id] {
		if r == title {
			return
		}
	}
	f.roles[id] = append(f.roles[id], title)
}

// stateBefore returns the state named right before byte i ("US President").
func (s *Stage) stateBefore(f *found, i int) string {
	for _, m := range f.mentions {
		if m.end <= i && i-m.end <= 1 && f.entities[m.entity].kind == schema.ActorState {
			return f.entities[m.entity].name
		}
	}
	return ""
}

// dropInside removes mentions lying inside [st, en).
func (f *found) dropInside(st, en int) {
	out := f.mentions[:0]
	for _, m := range f.mentions {
		if m.start >= st && m.end <= en {
			continue
		}
		out = append(out, m)
	}
	f.mentions = out
}

// actors turns the mentions into the document's actor list, in order of
// first mention.
func (f *found) actors(doc *schema.Document) []schema.Actor {
	sort.Slice(f.mentions, func(i, j int) bool { return f.mentions[i].start < f.mentions[j].start })
	index := map[int]int{}
	var out []schema.Actor
	for _, m := range f.mentions {
		k, ok := index[m.entity]
		if !ok {
			e := f.entities[m.entity]
			k = len(out)
			index[m.entity] = k
			a := schema.Actor{ID: fmt.Sprintf("A%d", k+1), Name: e.name, Kind: e.kind, Country: e.country}
			if a.Country == "" {
				a.Country = f.country[m.entity]
			}
			a.Roles = append(a.Roles, f.roles[m.entity]...)
			if len(a.Roles) == 0 && e.kind == schema.ActorPerson {
				a.Roles = append(a.Roles, e.roles...)
			}
			out = append(out, a)
		}
		a := &out[k]
		if m.surface != a.Name && !contains(a.Aliases, m.surface) {
			a.Aliases = append(a.Aliases, m.surface)
		}
		a.Mentions = append(a.Mentions, schema.Span{Start: doc.RuneOffset(m.start), End: doc.RuneOffset(m.end)})
	}
	if out == nil {
		out = []schema.Actor{}
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
