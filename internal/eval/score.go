package eval

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Kinds are the item kinds scored, in score.py's order.
var Kinds = []string{"events", "positions", "citations"}

// Fields are the fields whose accuracy is reported over matched pairs, per
// kind, in score.py's order.
var Fields = map[string][]string{
	"events":    {"type", "actors", "people"},
	"positions": {"topic", "stance"},
	"citations": {"kind", "anchored", "authors", "title", "container", "issued", "accessed", "url"},
}

// KindScore is score.py's result for one kind of one document, or an
// aggregate over documents (then the counts are sums and the ratios are
// computed from them).
type KindScore struct {
	Gold      int      `json:"gold"`
	Extracted int      `json:"extracted"`
	Matched   int      `json:"matched"`
	Precision float64  `json:"precision"`
	Recall    float64  `json:"recall"`
	F1        float64  `json:"f1"`
	Grounded  *float64 `json:"grounded"`
	Unplaced  int      `json:"unplaced"`
	// Fields maps a field name to its accuracy over matched pairs (nil when
	// nothing matched).
	Fields map[string]*float64 `json:"fields"`

	// Raw counts kept for aggregation; not part of score.py's output.
	groundedN int
	fieldHits map[string]int
}

// Result is one document's scores per kind.
type Result map[string]*KindScore

// Text is a document as score.py reads it: its code points.
type Text struct {
	runes    []rune
	s        string
	squeezed []rune
}

// NewText prepares a document text for locating evidence. raw is the file's
// bytes; newlines are translated as Python's text mode does.
func NewText(raw []byte) *Text {
	s := string(raw)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return &Text{runes: []rune(s), s: s}
}

type span struct{ start, end int }

// find is str.find on code points.
func find(hay string, needle string) int {
	i := strings.Index(hay, needle)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(hay[:i])
}

// locate is score.py's locate(): the evidence's span and whether its
// offsets point at its own text; ok is false when it cannot be placed.
func (t *Text) locate(ev any) (sp span, grounded, ok bool) {
	var text string
	if m, isMap := ev.(map[string]any); isMap {
		if s, isStr := m["text"].(string); isStr {
			text = s
		}
		st, okS := pyIntValue(m["start"])
		en, okE := pyIntValue(m["end"])
		if okS && okE && 0 <= st && st < en && en <= len(t.runes) {
			if string(t.runes[st:en]) == text || (text == "" && en > st) {
				return span{st, en}, true, true
			}
		}
	} else if s, isStr := ev.(string); isStr {
		text = s
	}
	if text == "" {
		return span{}, false, false
	}
	if i := find(t.s, text); i >= 0 {
		return span{i, i + utf8.RuneCountInString(text)}, false, true
	}
	squeezed := strings.Join(pyFields(text), " ")
	if t.squeezed == nil {
		t.squeezed = []rune(strings.Join(pyFields(t.s), " "))
	}
	i := find(string(t.squeezed), squeezed)
	if i < 0 {
		return span{}, false, false
	}
	// Offsets into the squeezed text, as score.py reports them.
	return span{i, i + utf8.RuneCountInString(squeezed)}, false, true
}

// pyIntValue is isinstance(v, int) for a decoded JSON value (bool counts,
// as in Python).
func pyIntValue(v any) (int, bool) {
	switch x := v.(type) {
	case json.Number:
		i, ok := pyInt(x)
		return int(i), ok
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func overlap(a, b span) bool { return a.start < b.end && b.start < a.end }

func get(item any, key string) any {
	if m, ok := item.(map[string]any); ok {
		return m[key]
	}
	return nil
}

func dateEq(a, b any) bool { return Norm(a) == Norm(b) }

func keyEq(kind string, g, p any) bool {
	switch kind {
	case "events":
		return dateEq(get(g, "when"), get(p, "when")) && dateEq(get(g, "when_end"), get(p, "when_end"))
	case "positions":
		return Norm(get(g, "holder")) == Norm(get(p, "holder"))
	case "citations":
		return Norm(get(g, "id")) == Norm(get(p, "id"))
	}
	return false
}

// iterItems is Python's iteration over `(v or [])`.
func iterItems(v any) []any {
	if !truthy(v) {
		return nil
	}
	switch x := v.(type) {
	case []any:
		return x
	case string:
		out := []any{}
		for _, r := range x {
			out = append(out, string(r))
		}
		return out
	case map[string]any:
		out := []any{}
		for k := range x {
			out = append(out, k)
		}
		return out
	}
	return []any{v}
}

// fieldEq is score.py's field_eq.
func fieldEq(g, p any) bool {
	_, gl := g.([]any)
	_, pl := p.([]any)
	if gl || pl {
		a, b := normSorted(iterItems(g)), normSorted(iterItems(p))
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	_, gb := g.(bool)
	_, pb := p.(bool)
	if gb || pb {
		return pyEqual(g, p)
	}
	return Norm(g) == Norm(p)
}

func normSorted(xs []any) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = Norm(x)
	}
	sort.Strings(out) // Python sorts str by code point; Go by UTF-8 bytes: same order
	return out
}

// pyEqual is == between a bool and another decoded JSON value.
func pyEqual(a, b any) bool {
	num := func(v any) (float64, bool) {
		switch x := v.(type) {
		case bool:
			if x {
				return 1, true
			}
			return 0, true
		case json.Number:
			f, err := x.Float64()
			return f, err == nil
		}
		return 0, false
	}
	fa, oka := num(a)
	fb, okb := num(b)
	return oka && okb && fa == fb
}

type pair struct{ g, p any }

// scoreKind is score.py's score_kind.
func scoreKind(doc *Text, kind string, goldItems, predItems []any) (*KindScore, error) {
	type placed struct {
		item any
		loc  span
	}
	var gold []placed
	for _, g := range goldItems {
		loc, _, ok := doc.locate(get(g, "evidence"))
		if !ok {
			return nil, fmt.Errorf("gold %s %s: evidence not found in document", kind, pyStr(get(g, "id")))
		}
		gold = append(gold, placed{g, loc})
	}
	var preds []placed
	grounded, unplaced := 0, 0
	for _, p := range predItems {
		loc, gr, ok := doc.locate(get(p, "evidence"))
		if !ok {
			unplaced++
			continue
		}
		if gr {
			grounded++
		}
		preds = append(preds, placed{p, loc})
	}
	used := make([]bool, len(gold))
	var pairs []pair
	for _, p := range preds {
		for gi, g := range gold {
			if used[gi] {
				continue
			}
			if overlap(g.loc, p.loc) && keyEq(kind, g.item, p.item) {
				used[gi] = true
				pairs = append(pairs, pair{g.item, p.item})
				break
			}
		}
	}
	ks := &KindScore{
		Gold: len(gold), Extracted: len(predItems), Matched: len(pairs),
		Unplaced: unplaced, groundedN: grounded, fieldHits: map[string]int{},
	}
	for _, f := range Fields[kind] {
		for _, pr := range pairs {
			if fieldEq(get(pr.g, f), get(pr.p, f)) {
				ks.fieldHits[f]++
			}
		}
	}
	ks.finish(kind)
	return ks, nil
}

// finish computes the rounded ratios from the counts.
func (k *KindScore) finish(kind string) {
	prec, rec, f1 := 0.0, 0.0, 0.0
	if k.Extracted > 0 {
		prec = float64(k.Matched) / float64(k.Extracted)
	}
	if k.Gold > 0 {
		rec = float64(k.Matched) / float64(k.Gold)
	}
	if prec+rec > 0 {
		f1 = 2 * prec * rec / (prec + rec)
	}
	k.Precision, k.Recall, k.F1 = Round3(prec), Round3(rec), Round3(f1)
	k.Grounded = nil
	if k.Extracted > 0 {
		g := Round3(float64(k.groundedN) / float64(k.Extracted))
		k.Grounded = &g
	}
	k.Fields = map[string]*float64{}
	for _, f := range Fields[kind] {
		if k.Matched == 0 {
			k.Fields[f] = nil
			continue
		}
		a := Round3(float64(k.fieldHits[f]) / float64(k.Matched))
		k.Fields[f] = &a
	}
}

// Decode reads a JSON value keeping numbers as written (Python keeps ints
// and floats apart; score.py's checks depend on it).
func Decode(data []byte) (any, error) {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// Score scores one document's output (decoded JSON) against its gold
// (decoded JSON), as score.py DOCUMENT GOLD OUTPUT does. A corpus-style
// output ({"documents": [...]}) is scored on its first document.
func Score(doc *Text, gold, out any) (Result, error) {
	if m, ok := out.(map[string]any); ok {
		if docs, has := m["documents"]; has {
			if _, hasEvents := m["events"]; !hasEvents {
				if list, ok := docs.([]any); ok && len(list) > 0 {
					out = list[0]
				}
			}
		}
	}
	res := Result{}
	for _, k := range Kinds {
		g := iterItems(get(gold, k))
		p := iterItems(get(out, k))
		ks, err := scoreKind(doc, k, g, p)
		if err != nil {
			return nil, err
		}
		res[k] = ks
	}
	return res, nil
}

// Add accumulates another document's score into an aggregate.
func (k *KindScore) Add(o *KindScore, kind string) {
	k.Gold += o.Gold
	k.Extracted += o.Extracted
	k.Matched += o.Matched
	k.Unplaced += o.Unplaced
	k.groundedN += o.groundedN
	if k.fieldHits == nil {
		k.fieldHits = map[string]int{}
	}
	for f, n := range o.fieldHits {
		k.fieldHits[f] += n
	}
	k.finish(kind)
}

// Line formats one kind's score as score.py's text output does.
func (k *KindScore) Line(kind string) string {
	var fl []string
	for _, f := range Fields[kind] {
		fl = append(fl, f+"="+pyOptFloat(k.Fields[f]))
	}
	return fmt.Sprintf("%-10s P=%.3f R=%.3f F1=%.3f (gold %d, extracted %d, matched %d, grounded %s, unplaced %d) %s",
		kind, k.Precision, k.Recall, k.F1, k.Gold, k.Extracted, k.Matched, pyOptFloat(k.Grounded), k.Unplaced, strings.Join(fl, " "))
}

func pyOptFloat(f *float64) string {
	if f == nil {
		return "None"
	}
	return pyFloatRepr(*f)
}

// MarshalJSON writes the result with kinds and fields in score.py's order.
func (r Result) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	first := true
	for _, k := range Kinds {
		ks, ok := r[k]
		if !ok {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		kj, err := ks.marshal(k)
		if err != nil {
			return nil, err
		}
		b.Write(kj)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

func (k *KindScore) marshal(kind string) ([]byte, error) {
	var fb strings.Builder
	fb.WriteByte('{')
	for i, f := range Fields[kind] {
		if i > 0 {
			fb.WriteByte(',')
		}
		fmt.Fprintf(&fb, "%q:", f)
		if v := k.Fields[f]; v != nil {
			fb.WriteString(pyFloatRepr(*v))
		} else {
			fb.WriteString("null")
		}
	}
	fb.WriteByte('}')
	grounded := "null"
	if k.Grounded != nil {
		grounded = pyFloatRepr(*k.Grounded)
	}
	return []byte(fmt.Sprintf(`{"gold":%d,"extracted":%d,"matched":%d,"precision":%s,"recall":%s,"f1":%s,"grounded":%s,"unplaced":%d,"fields":%s}`,
		k.Gold, k.Extracted, k.Matched, pyFloatRepr(k.Precision), pyFloatRepr(k.Recall), pyFloatRepr(k.F1), grounded, k.Unplaced, fb.String())), nil
}
