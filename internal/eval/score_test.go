package eval

import (
	"encoding/json"
	"testing"
)

func TestNorm(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{nil, ""},
		{"Japan’s  Global—Diplomacy", "japan s global diplomacy"},
		{"Zürich", "zurich"},
		{"2014-03", "2014 03"},
		{"  U.S.-Canada ", "u s canada"},
		{"ΟΔΟΣ", "οδος"},
		{true, "true"},
		{json.Number("12"), "12"},
		{json.Number("1.50"), "1 5"},
		{"ﬁnal_cut", "final_cut"},
	}
	for _, tt := range tests {
		if got := Norm(tt.in); got != tt.want {
			t.Errorf("Norm(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRound3(t *testing.T) {
	tests := []struct{ in, want float64 }{
		{2.0 / 3, 0.667},
		{0.0625, 0.062}, // exact tie: half to even, as Python
		{0.8125, 0.812},
		{1, 1},
		{0.1235, 0.123}, // 0.1235 is stored just below the tie
	}
	for _, tt := range tests {
		if got := Round3(tt.in); got != tt.want {
			t.Errorf("Round3(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestLocate(t *testing.T) {
	doc := NewText([]byte("Alpha beta.\r\nGamma   delta é epsilon."))
	tests := []struct {
		name     string
		ev       any
		want     span
		grounded bool
		ok       bool
	}{
		{"offsets point at text", map[string]any{"text": "beta", "start": json.Number("6"), "end": json.Number("10")}, span{6, 10}, true, true},
		{"wrong offsets fall back to search", map[string]any{"text": "beta", "start": json.Number("0"), "end": json.Number("4")}, span{6, 10}, false, true},
		{"float offsets are not ints", map[string]any{"text": "beta", "start": json.Number("6.0"), "end": json.Number("10")}, span{6, 10}, false, true},
		{"code points, CRLF read as LF", "é", span{26, 27}, false, true},
		{"whitespace-squeezed fallback", "Gamma delta", span{12, 23}, false, true},
		{"empty text with a span is grounded", map[string]any{"start": json.Number("0"), "end": json.Number("5")}, span{0, 5}, true, true},
		{"missing", "omega", span{}, false, false},
	}
	for _, tt := range tests {
		sp, gr, ok := doc.locate(tt.ev)
		if sp != tt.want || gr != tt.grounded || ok != tt.ok {
			t.Errorf("%s: got %v %v %v, want %v %v %v", tt.name, sp, gr, ok, tt.want, tt.grounded, tt.ok)
		}
	}
}

func TestScoreGreedyAndFields(t *testing.T) {
	doc := NewText([]byte("In 1993 they signed. In 2001 they met. In 2004 they visited."))
	gold, _ := Decode([]byte(`{"events":[
	 {"id":"E1","when":"1993","type":"agree","actors":["Japan","Russia"],"evidence":"In 1993 they signed."},
	 {"id":"E2","when":"2001","type":"consult","actors":[],"evidence":"In 2001 they met."}]}`))
	out, _ := Decode([]byte(`{"events":[
	 {"when":"1993","type":"agree","actors":["russia","JAPAN"],"evidence":{"text":"In 1993 they signed.","start":0,"end":20}},
	 {"when":"2001","when_end":null,"type":"other","evidence":{"text":"they met","start":0,"end":8}},
	 {"when":"2004","type":"consult","evidence":{"text":"nowhere","start":0,"end":3}}]}`))
	res, err := Score(doc, gold, out)
	if err != nil {
		t.Fatal(err)
	}
	ev := res["events"]
	if ev.Matched != 2 || ev.Extracted != 3 || ev.Unplaced != 1 || ev.Precision != 0.667 || ev.Recall != 1 || ev.F1 != 0.8 {
		t.Errorf("counts: %+v", ev)
	}
	if *ev.Grounded != 0.333 {
		t.Errorf("grounded = %v, want 0.333", *ev.Grounded)
	}
	if *ev.Fields["type"] != 0.5 || *ev.Fields["actors"] != 1 || *ev.Fields["people"] != 1 {
		t.Errorf("fields: type=%v actors=%v people=%v", *ev.Fields["type"], *ev.Fields["actors"], *ev.Fields["people"])
	}
	if res["positions"].Fields["stance"] != nil || res["positions"].Grounded != nil {
		t.Errorf("empty kind should have null fields and grounded")
	}
}

func TestScoreGoldNotFound(t *testing.T) {
	doc := NewText([]byte("text"))
	gold, _ := Decode([]byte(`{"events":[{"id":"E9","when":"1993","evidence":"absent"}]}`))
	if _, err := Score(doc, gold, map[string]any{}); err == nil {
		t.Fatal("want an error naming the gold item")
	} else if got := err.Error(); got != "gold events E9: evidence not found in document" {
		t.Errorf("error = %q", got)
	}
}
