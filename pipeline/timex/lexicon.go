package timex

import (
	_ "embed"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed lexicon.yaml
var lexiconYAML []byte

// holiday is a named day: a fixed month and day, or the nth weekday of a
// month (nth -1 is the last one).
type holiday struct {
	Month    int `yaml:"month"`
	Day      int `yaml:"day"`
	Weekday  int `yaml:"weekday"`
	Nth      int `yaml:"nth"`
	AfterDay int `yaml:"after_day"`
}

// unit is a calendar or clock unit as TIMEX3 writes durations of it.
type unit struct {
	Code  string `yaml:"code"`
	N     int    `yaml:"n"`
	Clock bool   `yaml:"clock"`
	Vague string `yaml:"vague"`
	name  string
}

// lexiconFile mirrors lexicon.yaml.
type lexiconFile struct {
	Months            map[string]int      `yaml:"months"`
	AmbiguousMonths   []string            `yaml:"ambiguous_months"`
	Weekdays          map[string]int      `yaml:"weekdays"`
	AmbiguousWeekdays []string            `yaml:"ambiguous_weekdays"`
	Seasons           map[string]string   `yaml:"seasons"`
	PartsOfDay        map[string]string   `yaml:"parts_of_day"`
	ClockWords        map[string]string   `yaml:"clock_words"`
	TimeZones         []string            `yaml:"time_zones"`
	Holidays          map[string]holiday  `yaml:"holidays"`
	Units             map[string]unit     `yaml:"units"`
	UnitPlurals       map[string]string   `yaml:"unit_plurals"`
	Numbers           map[string]int      `yaml:"numbers"`
	VagueNumbers      []string            `yaml:"vague_numbers"`
	Ordinals          map[string]int      `yaml:"ordinals"`
	DecadeWords       map[string]int      `yaml:"decade_words"`
	Shifts            map[string]int      `yaml:"shifts"`
	Directions        map[string]int      `yaml:"directions"`
	Modifiers         []string            `yaml:"modifiers"`
	Approximations    []string            `yaml:"approximations"`
	References        map[string]string   `yaml:"references"`
	ReferenceBlockers map[string][]string `yaml:"reference_blockers"`
	DeicticDays       map[string]int      `yaml:"deictic_days"`
	SetAdverbs        map[string]string   `yaml:"set_adverbs"`
	SetQuantifiers    []string            `yaml:"set_quantifiers"`
	Fiscal            []string            `yaml:"fiscal"`
	NotYearBefore     []string            `yaml:"not_year_before"`
	NotYearAfter      []string            `yaml:"not_year_after"`
	MonthCues         []string            `yaml:"month_cues"`
	FutureCues        []string            `yaml:"future_cues"`
	NameWords         []string            `yaml:"name_words"`
}

// phrase is a multi-word lexicon entry split into words.
type phrase struct {
	words []string
	value string
}

// lexicon is the loaded word lists in the shapes the grammar looks them up.
type lexicon struct {
	months, weekdays, numbers, ordinals, decadeWords, shifts, directions, deictic map[string]int
	ambMonths, ambWeekdays, vague, modifiers, setQuant, fiscal                    map[string]bool
	notYearBefore, notYearAfter, monthCues, futureCues, timeZones, nameWords      map[string]bool
	seasons, partsOfDay, clockWords, setAdverbs                                   map[string]string
	units                                                                         map[string]unit // singular and plural forms
	plural                                                                        map[string]bool
	holidays                                                                      map[string][]holidayEntry
	approx                                                                        map[string][]phrase // by first word
	refs                                                                          map[string][]phrase // by first word
	refBlockers                                                                   map[string]map[string]bool
}

// holidayEntry is one holiday name split into words.
type holidayEntry struct {
	words []string
	h     holiday
}

func set(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, w := range list {
		m[strings.ToLower(w)] = true
	}
	return m
}

// splitPhrase splits a lexicon phrase into the tokens the tokenizer makes
// of it ("new year's day" -> new, year, 's, day).
func splitPhrase(s string) []string {
	toks := tokenize(strings.ToLower(s), nil)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.low
	}
	return out
}

func loadLexicon(data []byte) (*lexicon, error) {
	var f lexiconFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("timex: lexicon.yaml: %w", err)
	}
	if len(f.Months) < 12 || len(f.Weekdays) < 7 || len(f.Units) == 0 {
		return nil, fmt.Errorf("timex: lexicon.yaml: months, weekdays and units are required")
	}
	lx := &lexicon{
		months: f.Months, weekdays: f.Weekdays, numbers: f.Numbers, ordinals: f.Ordinals,
		decadeWords: f.DecadeWords, shifts: f.Shifts, directions: f.Directions, deictic: f.DeicticDays,
		ambMonths: set(f.AmbiguousMonths), ambWeekdays: set(f.AmbiguousWeekdays), vague: set(f.VagueNumbers),
		modifiers: set(f.Modifiers), setQuant: set(f.SetQuantifiers), fiscal: set(f.Fiscal),
		notYearBefore: set(f.NotYearBefore), notYearAfter: set(f.NotYearAfter), monthCues: set(f.MonthCues),
		futureCues: set(f.FutureCues), timeZones: set(f.TimeZones), nameWords: set(f.NameWords),
		seasons: f.Seasons, partsOfDay: f.PartsOfDay, clockWords: f.ClockWords, setAdverbs: f.SetAdverbs,
		units: map[string]unit{}, plural: map[string]bool{}, holidays: map[string][]holidayEntry{},
		approx: map[string][]phrase{}, refs: map[string][]phrase{}, refBlockers: map[string]map[string]bool{},
	}
	for name, u := range f.Units {
		if u.Code == "" || u.N <= 0 {
			return nil, fmt.Errorf("timex: lexicon.yaml: unit %q needs a code and n > 0", name)
		}
		u.name = name
		lx.units[name] = u
	}
	for pl, sg := range f.UnitPlurals {
		u, ok := lx.units[sg]
		if !ok {
			return nil, fmt.Errorf("timex: lexicon.yaml: plural %q of unknown unit %q", pl, sg)
		}
		lx.units[pl] = u
		lx.plural[pl] = true
	}
	for name, h := range f.Holidays {
		if h.Month < 1 || h.Month > 12 || (h.Day == 0 && h.Weekday == 0) {
			return nil, fmt.Errorf("timex: lexicon.yaml: holiday %q needs a month and a day or weekday", name)
		}
		w := splitPhrase(name)
		lx.holidays[w[0]] = append(lx.holidays[w[0]], holidayEntry{words: w, h: h})
	}
	for _, a := range f.Approximations {
		w := splitPhrase(a)
		lx.approx[w[0]] = append(lx.approx[w[0]], phrase{words: w})
	}
	for r, v := range f.References {
		w := splitPhrase(r)
		lx.refs[w[0]] = append(lx.refs[w[0]], phrase{words: w, value: v})
	}
	for w, bl := range f.ReferenceBlockers {
		lx.refBlockers[w] = set(bl)
	}
	return lx, nil
}
