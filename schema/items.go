package schema

import "encoding/json"

// Precision says how much of a date the text gives.
type Precision string

// Precisions of a Date, coarsest first.
const (
	PrecisionCentury Precision = "century"
	PrecisionDecade  Precision = "decade"
	PrecisionYear    Precision = "year"
	PrecisionSeason  Precision = "season"
	PrecisionQuarter Precision = "quarter"
	PrecisionMonth   Precision = "month"
	PrecisionWeek    Precision = "week"
	PrecisionDay     Precision = "day"
	PrecisionTime    Precision = "time"
)

// Date is a calendar date as the text gives it: an ISO 8601 / TIMEX3 value
// at the text's precision ("1905", "2014-04", "2004-11-14", "201X"), an
// optional end for ranges, and the words it was read from.
type Date struct {
	Value string `json:"value"`
	// EndValue closes a range ("November 2013 to February 2014").
	EndValue  string    `json:"end_value,omitempty"`
	Precision Precision `json:"precision"`
	// Text is the date as written, and where.
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Inferred is true when the value was fixed by context (a month whose
	// year comes from the paragraph) rather than stated in full.
	Inferred bool `json:"inferred,omitempty"`
}

// TimeExpr is one temporal expression found in the text (TIMEX3).
type TimeExpr struct {
	Span
	Text string `json:"text"`
	// Type is DATE, TIME, DURATION or SET.
	Type  string `json:"type"`
	Value string `json:"value"`
	// EndValue is set for ranges.
	EndValue string `json:"end_value,omitempty"`
	// Anchored is true when the value was resolved against a reference time
	// (the creation date or the narrative's current date).
	Anchored bool `json:"anchored,omitempty"`
}

// Event is one dated happening.
type Event struct {
	ID   string `json:"id"`
	Date Date   `json:"date"`
	// Type is a PLOVER category (agree, consult, …) for interactions between
	// political actors, otherwise statement, election, economic, conflict or
	// other.
	Type string `json:"type"`
	// Actors are states and organisations under canonical names.
	Actors []string `json:"actors"`
	// People are full personal names.
	People   []string `json:"people"`
	Summary  string   `json:"summary"`
	Trigger  string   `json:"trigger,omitempty"`
	Evidence Evidence `json:"evidence"`
	// Sentence is the index of the sentence the evidence starts in.
	Sentence int `json:"sentence"`
	// Notes are the ids of the citations the event's sentence cites.
	Notes []string `json:"notes,omitempty"`
	// Rule names the extraction rule that produced the event.
	Rule string `json:"rule,omitempty"`
}

// eventJSON is the wire form of an Event: it adds the flat "when" and
// "when_end" fields the evaluation format reads, derived from Date so the two
// can never disagree.
type eventJSON struct {
	When    string  `json:"when"`
	WhenEnd *string `json:"when_end"`
	eventPlain
}

type eventPlain Event

// MarshalJSON writes the event with its derived when/when_end fields.
func (e Event) MarshalJSON() ([]byte, error) {
	w := eventJSON{When: e.Date.Value, eventPlain: eventPlain(e)}
	if e.Date.EndValue != "" {
		end := e.Date.EndValue
		w.WhenEnd = &end
	}
	return json.Marshal(w)
}

// When is the event's date value (start of a range).
func (e Event) When() string { return e.Date.Value }

// Stances a Position can take.
const (
	StanceSupport   = "support"
	StanceOppose    = "oppose"
	StanceDemand    = "demand"
	StancePropose   = "propose"
	StanceRecommend = "recommend"
	StanceReject    = "reject"
	StanceCriticize = "criticize"
	StanceOther     = "other"
)

// Position is a stance someone holds on an issue.
type Position struct {
	ID string `json:"id"`
	// Holder is a canonical actor name, a person, or the document's author.
	Holder string `json:"holder"`
	// HolderKind is state, organisation, person or author.
	HolderKind string `json:"holder_kind,omitempty"`
	Stance     string `json:"stance"`
	// Topic is the issue, normalised against the configured topic list.
	Topic     string   `json:"topic"`
	Statement string   `json:"statement"`
	Evidence  Evidence `json:"evidence"`
	Sentence  int      `json:"sentence"`
	Notes     []string `json:"notes,omitempty"`
	Rule      string   `json:"rule,omitempty"`
}

// Citation kinds.
const (
	KindReference = "reference"
	KindNote      = "note"
)

// Citation is a note or reference of the document, parsed.
type Citation struct {
	// ID is the note's number as printed ("4"), or its order of appearance
	// for unnumbered sources.
	ID string `json:"id"`
	// Kind is "reference" (points to a source) or "note" (explains).
	Kind string `json:"kind"`
	// Anchored says whether the text carries a marker for this note.
	Anchored bool `json:"anchored"`
	// Authors as display names: "Given Family" for people, the literal for
	// institutions.
	Authors   []string `json:"authors,omitempty"`
	Title     string   `json:"title,omitempty"`
	Container string   `json:"container,omitempty"`
	// Issued and Accessed are ISO 8601 dates at the precision given.
	Issued   string `json:"issued,omitempty"`
	Accessed string `json:"accessed,omitempty"`
	URL      string `json:"url,omitempty"`
	// Evidence is the whole note as it stands in the document (for an
	// inline link: its anchor text).
	Evidence Evidence `json:"evidence"`
	// Markers are the in-text markers that point at this note.
	Markers []Evidence `json:"markers,omitempty"`
	// CSL is the first (or only) source in CSL-JSON.
	CSL *CSLItem `json:"csl,omitempty"`
	// More holds further sources when a note cites several.
	More []CSLItem `json:"more,omitempty"`
}

// Actor kinds.
const (
	ActorState        = "state"
	ActorOrganisation = "organisation"
	ActorPerson       = "person"
)

// Actor is a state, organisation or person mentioned in the document.
type Actor struct {
	ID string `json:"id"`
	// Name is the canonical name used everywhere else in the output.
	Name string `json:"name"`
	Kind string `json:"kind"`
	// Aliases are the other names the document uses for the actor.
	Aliases []string `json:"aliases,omitempty"`
	// Roles are titles a person is given ("Prime Minister").
	Roles []string `json:"roles,omitempty"`
	// Country is a person's state, when known.
	Country string `json:"country,omitempty"`
	// Mentions are where the document names the actor.
	Mentions []Span `json:"mentions,omitempty"`
}

// Warning is something an analyst should check.
type Warning struct {
	Stage    string    `json:"stage"`
	Code     string    `json:"code"`
	Message  string    `json:"message"`
	Evidence *Evidence `json:"evidence,omitempty"`
}
