package html

import (
	"strings"
	"testing"
)

func TestRenderText(t *testing.T) {
	ev := func(s, e int, key string) piece { return piece{start: s, end: e, key: key, kind: "ev"} }
	po := func(s, e int, key string) piece { return piece{start: s, end: e, key: key, kind: "po"} }
	mk := func(s, e int, key string) piece {
		return piece{start: s, end: e, key: key, kind: "ci", role: roleMarker}
	}
	bp := func(s, e int) piece { return piece{start: s, end: e, role: roleBoiler} }
	hd := func(s, e int) piece { return piece{start: s, end: e, role: roleHeading, kind: "h2"} }
	const (
		E0  = `<mark class="hl ev" data-item="e0" tabindex="0">`
		E0c = `<mark class="hlc ev" data-item="e0">`
		P0  = `<mark class="hl po" data-item="p0" tabindex="0">`
		P0c = `<mark class="hlc po" data-item="p0">`
		P1  = `<mark class="hl po" data-item="p1" tabindex="0">`
		C   = `</mark>`
	)
	tests := []struct {
		name   string
		text   string
		pieces []piece
		want   string
	}{
		{"no pieces", "a < b & c", nil, "a &lt; b &amp; c"},
		{"one span", "abcdef", []piece{ev(1, 3, "e0")}, "a" + E0 + "bc" + C + "def"},
		{"nested", "abcdef", []piece{ev(0, 6, "e0"), po(2, 4, "p0")},
			E0 + "ab" + P0 + "cd" + C + "ef" + C},
		{"nested, inner listed first", "abcdef", []piece{po(2, 4, "p0"), ev(0, 6, "e0")},
			E0 + "ab" + P0 + "cd" + C + "ef" + C},
		{"crossing spans split the later one", "abcdef", []piece{ev(0, 4, "e0"), po(2, 6, "p0")},
			E0 + "ab" + P0 + "cd" + C + C + P0c + "ef" + C},
		{"same span twice gives two primaries", "abc", []piece{ev(0, 3, "e0"), po(0, 3, "p0")},
			E0 + P0 + "abc" + C + C},
		{"same start, shorter inside", "abcd", []piece{po(0, 2, "p0"), ev(0, 4, "e0")},
			E0 + P0 + "ab" + C + "cd" + C},
		{"adjacent", "abcd", []piece{ev(0, 2, "e0"), po(2, 4, "p0")},
			E0 + "ab" + C + P0 + "cd" + C},
		{"empty span", "abc", []piece{ev(1, 1, "e0")}, "a" + E0 + C + "bc"},
		{"out of range is clamped", "abc", []piece{ev(-5, 99, "e0")}, E0 + "abc" + C},
		{"end before start is empty", "abc", []piece{ev(2, 1, "e0")}, "ab" + E0 + C + "c"},
		{"marker", "x [1]", []piece{mk(2, 5, "c0")},
			`x <mark class="mk ci" data-item="c0" tabindex="0">[1]` + C},
		{"boilerplate outside item", "menu text", []piece{bp(0, 4), ev(5, 9, "e0")},
			`<span class="bp">menu</span> ` + E0 + "text" + C},
		{"item crossing boilerplate", "abcdef", []piece{bp(0, 3), ev(1, 5, "e0")},
			`<span class="bp">a` + E0 + "bc" + C + `</span>` + E0c + "de" + C + "f"},
		{"heading around an item", "Title\nx", []piece{ev(0, 5, "e0"), hd(0, 5)},
			`<span class="hd h2">` + E0 + "Title" + C + "</span>\nx"},
		{"three-way crossing", "abcdefgh", []piece{ev(0, 4, "e0"), po(2, 6, "p0"), po(3, 8, "p1")},
			E0 + "ab" + P0 + "c" + P1 + "d" + C + C + C + P0c + `<mark class="hlc po" data-item="p1">` + "ef" + C + C +
				`<mark class="hlc po" data-item="p1">gh` + C},
		{"hostile text is escaped", `<script>alert("1")</script><img src=x onerror='a()'>`, []piece{ev(0, 8, "e0")},
			E0 + "&lt;script&gt;" + C + "alert(&#34;1&#34;)&lt;/script&gt;&lt;img src=x onerror=&#39;a()&#39;&gt;"},
		{"invalid UTF-8 and NUL are replaced", "a\xffb\x00c", nil, "a\uFFFDb\uFFFDc"},
		{"multi-byte text kept", "Zürich – 東京", []piece{ev(0, 7, "e0")}, E0 + "Zürich" + C + " – 東京"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := renderText(&b, tt.text, tt.pieces, 0); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if n := strings.Count(b.String(), `class="hl `); n != countPrimary(tt.pieces) {
				t.Errorf("%d primary elements, want %d", n, countPrimary(tt.pieces))
			}
		})
	}
}

func countPrimary(ps []piece) int {
	n := 0
	for _, p := range ps {
		if p.role == rolePrimary {
			n++
		}
	}
	return n
}

func TestRenderTextChunks(t *testing.T) {
	// Six 10-byte lines cut after the first line end past 20 bytes (at 30);
	// the span running across the cut is closed before it and continued
	// after it.
	text := strings.Repeat("123456789\n", 6)
	var b strings.Builder
	if err := renderText(&b, text, []piece{{start: 25, end: 35, key: "e0", kind: "ev"}}, 20); err != nil {
		t.Fatal(err)
	}
	want := `<div class="ck">123456789\n123456789\n12345<mark class="hl ev" data-item="e0" tabindex="0">6789\n</mark></div>` +
		`<div class="ck"><mark class="hlc ev" data-item="e0">12345</mark>6789\n123456789\n123456789\n</div>`
	want = strings.ReplaceAll(want, `\n`, "\n")
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}

func TestChunkBreaks(t *testing.T) {
	tests := []struct {
		text string
		size int
		want []int
	}{
		{"", 10, nil},
		{"short\ntext", 10, nil},
		{"aaaa\nbbbb\ncccc\ndddd\n", 4, []int{5, 10, 15}},
		{"aaaa\nbbbb\ncccc\ndddd\n", 6, []int{10}},
		{strings.Repeat("x", 50), 10, nil}, // no line end: one block
	}
	for _, tt := range tests {
		got := chunkBreaks(tt.text, tt.size)
		if len(got) != len(tt.want) {
			t.Errorf("chunkBreaks(%q, %d) = %v, want %v", tt.text, tt.size, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("chunkBreaks(%q, %d) = %v, want %v", tt.text, tt.size, got, tt.want)
			}
		}
	}
}
