package events

import (
	"reflect"
	"strings"
	"testing"
)

// TestInflect checks the regular forms generated from a base form.
func TestInflect(t *testing.T) {
	past := map[string]bool{"left": true}
	has := func(forms [][]string, want string) bool {
		for _, f := range forms {
			if strings.Join(f, " ") == want {
				return true
			}
		}
		return false
	}
	tests := []struct {
		entry string
		want  []string
		none  bool
	}{
		{"join", []string{"joins", "joined", "joining"}, false},
		{"impose ... sanctions", []string{"imposed \x00gap sanctions", "imposes \x00gap sanctions", "imposing \x00gap sanctions"}, false},
		{"ban", []string{"bans", "banned", "banning"}, false},
		{"ratify", []string{"ratifies", "ratified", "ratifying"}, false},
		{"signed", nil, true},
		{"left", nil, true},
		{"jointly", nil, true},
	}
	for _, tt := range tests {
		forms := inflect(phraseWords(tt.entry), past)
		if tt.none && len(forms) != 0 {
			t.Errorf("%q: want no forms, got %v", tt.entry, forms)
		}
		for _, w := range tt.want {
			if !has(forms, w) {
				t.Errorf("%q: missing %q in %v", tt.entry, w, forms)
			}
		}
	}
}

// TestPatternWords checks "..." gaps and "$" amounts in trigger entries.
func TestPatternWords(t *testing.T) {
	m := newMatcher()
	m.add(phrase{words: phraseWords("pledged ... $"), typ: "aid", verb: true})
	m.add(phrase{words: phraseWords("pledged"), typ: "agree", verb: true})
	m.sort()
	tests := []struct {
		text, typ, trigger string
	}{
		{"Chile pledged an additional $40 million to the fund", "aid", "pledged an additional $40"},
		{"Chile pledged $3 billion", "aid", "pledged $3"},
		{"Chile pledged to hold a vote before the summit ended", "agree", "pledged"},
		{"Chile pledged one two three four five $9", "agree", "pledged"},
	}
	for _, tt := range tests {
		hits := m.find(tokenize(tt.text, 0), nil)
		if len(hits) == 0 {
			t.Errorf("%q: no hit", tt.text)
			continue
		}
		if h := hits[0]; h.typ != tt.typ || tt.text[h.start:h.end] != tt.trigger {
			t.Errorf("%q: got %s %q, want %s %q", tt.text, h.typ, tt.text[h.start:h.end], tt.typ, tt.trigger)
		}
	}
	if got := phraseWords("freeze … assets ..."); !reflect.DeepEqual(got, []string{"freeze", gapWord, "assets"}) {
		t.Errorf("phraseWords = %q", got)
	}
}

// TestBroadLexicon checks event types beyond the sentences the lexicon
// was first written for: inflected forms, names, infinitives, a date's
// own document, fragments, and actor fallbacks.
func TestBroadLexicon(t *testing.T) {
	text := "Chile joined the Pacific pact in May 2031. " +
		"In June 2031 delegates set up a Regional Negotiating Committee to draft rules. " +
		"Peru hosted Chile in Lima on July 4, 2031 to settle the quarrel. " +
		"Under the Andean Treaty of 1969, a withdrawal takes effect after a year. " +
		"Bolivia signed accords on rivers in 2032, on fisheries in 2033, and on forests in 2034. " +
		"In 2035 soldiers seized power in two states: Ecuador and Peru. " +
		"Colombia pledged an additional $70 million to Ecuador in 2036. " +
		"Argentina, which suspended its annual payments to ASEAN in 2037, later relented. " +
		"In 2038 farm unions warned that they would block roads if Chile did not act."
	doc := build(t, text, [][3]string{
		{"May 2031", "2031-05", ""}, {"June 2031", "2031-06", ""}, {"July 4, 2031", "2031-07-04", ""},
		{"1969", "1969", ""}, {"2032", "2032", ""}, {"2033", "2033", ""}, {"2034", "2034", ""},
		{"2035", "2035", ""}, {"2036", "2036", ""}, {"2037", "2037", ""}, {"2038", "2038", ""},
	}, nil)
	check(t, doc, []want{
		{"2031-05", "", "agree", "Chile joined", "Chile", ""},
		{"2031-06", "", "other", "Regional Negotiating Committee", "", ""},
		{"2031-07-04", "", "consult", "Peru hosted Chile", "Chile,Peru", ""},
		{"1969", "", "agree", "Andean Treaty of 1969", "", ""},
		{"2032", "", "agree", "Bolivia signed accords", "Bolivia", ""},
		{"2033", "", "agree", "on fisheries in 2033", "Bolivia", ""},
		{"2034", "", "agree", "on forests in 2034", "Bolivia", ""},
		{"2035", "", "coerce", "soldiers seized power", "Peru,Ecuador", ""},
		{"2036", "", "aid", "Colombia pledged", "Ecuador,Colombia", ""},
		{"2037", "", "sanction", "which suspended its annual payments", "Argentina,ASEAN", ""},
		{"2038", "", "threaten", "farm unions warned", "Chile", ""},
	})
}
