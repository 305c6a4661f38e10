package refparse

import (
	"strings"
	"testing"
)

// TestEditorRules checks which words the editor rules force, on
// references written for the test: "In Names (Eds.), Book" and "Edited by
// Names." mark the names, and look-alikes ("In Proceedings of …", "Rev.
// ed. New York: …", a leading "Name, ed. Title") are left to the model.
func TestEditorRules(t *testing.T) {
	cases := []struct {
		name, ref string
		want      map[string]string // forced stretch (space-joined words) by label
	}{
		{
			name: "In names (Eds.), book",
			ref:  "Okafor, N. (2016). Tidal flats. In A. Berg & L. Moreau (Eds.), Handbook of estuaries (pp. 3–9). Leiden: Northgate.",
			want: map[string]string{"editor": "In A. Berg & L. Moreau (Eds.),"},
		},
		{
			name: "In names, editors, book with particle",
			ref:  "P. Ilves. Harbour queues. In Luca del Monte and Ana Riis, editors, Port Systems, pages 1–9. Springer, 2011.",
			want: map[string]string{"editor": "In Luca del Monte and Ana Riis, editors,"},
		},
		{
			name: "In: names (Hrsg.):",
			ref:  "Berg, K.: Wege. In: Jana Vogt, Olaf Kern (Hrsg.): Häfen im Wandel. Kiel 2004, S. 1-9.",
			want: map[string]string{"editor": "In: Jana Vogt, Olaf Kern (Hrsg.):"},
		},
		{
			name: "In a proceedings title is not an editor",
			ref:  "Ilves, P. 2011. Queues. In Proceedings of the Port Conference, Ed. Riis. Tallinn.",
			want: map[string]string{"editor": "Ed. Riis."},
		},
		{
			name: "Edited by names, pages",
			ref:  "Moreau, Lise. “Cranes.” In Northern Ports. Edited by Ana Riis and Tom Berg, 33-41. Oslo: Fjord Press, 2002.",
			want: map[string]string{"editor": "Edited by Ana Riis and Tom Berg,"},
		},
		{
			name: "Translated by names",
			ref:  "Vogt, Jana. Harbours. Translated by K. L. Berg. London: Quay Books, 1999.",
			want: map[string]string{"translator": "Translated by K. L. Berg."},
		},
		{
			name: "edition before an imprint",
			ref:  "Riis, Ana. Port Economics, Rev. ed. New York: Holt and Quay, 1960.",
			want: map[string]string{},
		},
		{
			name: "leading editor list closed by ed.",
			ref:  "Berg, Tom, ed. Rethinking Harbours: A Reader. London: Quay, 1997.",
			want: map[string]string{},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			toks := tokenize(c.ref)
			rules := ruleLabels(c.ref, toks)
			got := map[string]string{}
			for i, r := range rules {
				if r.force == "editor" || r.force == "translator" {
					got[r.force] = strings.TrimSpace(got[r.force] + " " + toks[i].Text)
				}
			}
			if len(got) != len(c.want) {
				t.Fatalf("forced %q, want %q", got, c.want)
			}
			for l, w := range c.want {
				if got[l] != w {
					t.Errorf("%s = %q, want %q", l, got[l], w)
				}
			}
		})
	}
}

// TestParseChapterEditors: the editors and the book of an "In … (Eds.),"
// chapter reach the CSL item.
func TestParseChapterEditors(t *testing.T) {
	it := Parse("Okafor, N. (2016). Tidal flats. In A. Berg & L. Moreau (Eds.), Handbook of estuaries (pp. 3–9). Leiden: Northgate.")
	var got []string
	for _, n := range it.Editor {
		got = append(got, n.Display())
	}
	if strings.Join(got, "; ") != "A. Berg; L. Moreau" {
		t.Errorf("editors %q", got)
	}
	if it.ContainerTitle != "Handbook of estuaries" {
		t.Errorf("container %q", it.ContainerTitle)
	}
}
