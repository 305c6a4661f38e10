package actors

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

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
	document   map[string]bool
	orgHeads   map[string]bool
	// heads maps a lower-case common noun to the organisations a
	// definite description with it ("the council") may name.
	heads map[string][]int
}

// New builds the stage from a gazetteer.
func New(g *Gazetteer) (*Stage, error) {
	s := &Stage{byName: map[string]int{}, byFirst: map[string][]alias{},
		stop: set(g.NameStopwords), venue: set(g.VenueNouns), place: set(g.PlacePrepositions),
		document: set(g.DocumentNouns), heads: map[string][]int{}}
	orgHeads := set(g.OrgHeads)
	s.orgHeads = orgHeads
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
			if kind != schema.ActorOrganisation {
				continue
			}
			heads := append([]string{}, e.Heads...)
			// "Arctic Council" is "the council"; "Alliance of Sahel
			// States" is not "the states".
			if f := strings.Fields(e.Name); len(f) > 1 && !strings.Contains(e.Name, " of ") && orgHeads[strings.ToLower(f[len(f)-1])] {
				heads = append(heads, strings.ToLower(f[len(f)-1]))
			}
			for _, h := range heads {
				h = strings.ToLower(h)
				if !containsInt(s.heads[h], id) {
					s.heads[h] = append(s.heads[h], id)
				}
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
			`(?:\s+of\s+(?:the\s+)?\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*(?:\s+(?:city|province|prefecture|county|state|region))?)?` +
			`\s+((?:\p{Lu}[\p{L}'.-]*\s+){0,3}\p{Lu}[\p{L}'-]+)`
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
	learned  []alias // acronyms the document defines
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
	for i := wordStart(text, 0); i < len(text); i = wordStart(text, i) {
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

	// Pass 1b: organisations the document defines with an acronym.
	s.acronyms(f, text, covered, inBoiler)

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
	// Pass 4: definite descriptions of organisations named before.
	s.definites(f, text, covered, inBoiler)
	doc.Actors = f.actors(doc)
	return nil
}

// definites adds a mention for "the council", "the bloc's", "the
// Commission", or a capitalised head on its own ("Commission
// negotiators"): the organisation with that head noun mentioned last
// before it. Without one earlier, the words name no one.
func (s *Stage) definites(f *found, text string, covered []bool, inBoiler func(int) bool) {
	if len(s.heads) == 0 {
		return
	}
	known := append([]mention{}, f.mentions...)
	sort.Slice(known, func(i, j int) bool { return known[i].start < known[j].start })
	prev := ""
	for i := wordStart(text, 0); i < len(text); i = wordStart(text, i) {
		r := runeAt(text, i)
		w := firstWord(text[i:])
		hs, he := i, i+len(w)
		before := prev
		prev = w
		i = he
		ids := s.heads[strings.ToLower(w)]
		if len(ids) == 0 || covered[hs] || inBoiler(hs) {
			continue
		}
		upper := unicode.IsUpper(r)
		pr, _ := utf8.DecodeRuneInString(before)
		// "the council", "the Commission"; a capitalised head after a
		// lower-case word ("with Commission negotiators"), not inside a
		// longer name ("Joint Commission").
		if !(before == "the" || before == "The" || (upper && before != "" && !unicode.IsUpper(pr))) {
			continue
		}
		// "the Council of Europe": a name goes on.
		if strings.HasPrefix(text[he:], " of ") {
			continue
		}
		best := -1
		for _, m := range known {
			if m.start >= hs {
				break
			}
			if containsInt(ids, m.entity) {
				best = m.entity
			}
		}
		if best < 0 {
			continue
		}
		f.mentions = append(f.mentions, mention{entity: best, start: hs, end: he, surface: w})
		for b := hs; b < he; b++ {
			covered[b] = true
		}
	}
}

// acronymRE finds "Long Name (ACR)": capitalised words, joined by small
// words, before an acronym in parentheses.
var acronymRE = regexp.MustCompile(`((?:[A-Z][\p{L}’'-]*)(?:\s+(?:[A-Z][\p{L}’'-]*|of|the|for|and|on|des|du|de))*)\s+\(([A-Z][A-Z0-9&]{1,9})\)`)

// acronyms learns the organisations a document defines ("the Russian
// Association of Indigenous Peoples of the North (RAIPON)") when the name
// has an organisation's head noun (org_heads), and the acronym of a name
// the gazetteer knows: both then count wherever they recur.
func (s *Stage) acronyms(f *found, text string, covered []bool, inBoiler func(int) bool) {
	for _, loc := range acronymRE.FindAllStringSubmatchIndex(text, -1) {
		ls, le, as, ae := loc[2], loc[3], loc[4], loc[5]
		if inBoiler(ls) {
			continue
		}
		long, acr := text[ls:le], text[as:ae]
		if f.byAlias(acr) >= 0 {
			continue
		}
		// A known name right before the parenthesis ("… and the European
		// Union (EU)") is what the acronym abbreviates.
		id := -1
		for _, m := range f.mentions {
			if m.start >= ls && m.end == le {
				id, ls, long = m.entity, m.start, text[m.start:le]
			}
		}
		for id < 0 && (strings.HasPrefix(long, "The ") || strings.HasPrefix(long, "the ")) {
			ls += 4
			long = text[ls:le]
		}
		if id < 0 {
			head := false
			for _, w := range strings.Fields(long) {
				if s.orgHeads[strings.ToLower(w)] {
					head = true
				}
			}
			if !head || len(strings.Fields(long)) < 2 {
				continue
			}
			id = len(f.entities)
			f.entities = append(f.entities, entity{name: long, kind: schema.ActorOrganisation})
			f.byName[long] = id
		}
		f.learned = append(f.learned, alias{text: acr, entity: id})
		for _, form := range []string{long, acr} {
			for off := 0; ; {
				j := strings.Index(text[off:], form)
				if j < 0 {
					break
				}
				st, en := off+j, off+j+len(form)
				off = en
				if isWordRune(runeBefore(text, st)) || isWordRune(runeAt(text, en)) || inBoiler(st) {
					continue
				}
				if covered[st] && !(form == long) {
					continue
				}
				f.dropInside(st, en)
				f.mentions = append(f.mentions, mention{entity: id, start: st, end: en, surface: form})
				for b := st; b < en; b++ {
					covered[b] = true
				}
			}
		}
	}
}

// byAlias returns the entity a learned acronym already names, or -1.
func (f *found) byAlias(acr string) int {
	for _, a := range f.learned {
		if a.text == acr {
			return a.entity
		}
	}
	return -1
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// documentAfter reports a capital followed by a document noun: the
// "Ottawa Declaration" is named after the city, its government is no
// party to it.
func (s *Stage) documentAfter(text string, end int) bool {
	if !strings.HasPrefix(text[end:], " ") {
		return false
	}
	return s.document[firstWord(text[end+1:])]
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
	for i := wordStart(text, 0); i < len(text); i = wordStart(text, i) {
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

// wordStart is the byte offset of the first word starting at or after i
// (len(text) when there is none).
func wordStart(text string, i int) int {
	for i < len(text) {
		r := runeAt(text, i)
		if isWordRune(r) && !isWordRune(runeBefore(text, i)) {
			return i
		}
		i += max(1, len(string(r)))
	}
	return i
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
		if a.capital && (s.place[prevWord(text, i)] || s.documentAfter(text, end)) {
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
