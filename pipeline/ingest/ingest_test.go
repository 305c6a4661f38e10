package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/schema"
)

const sharedDev = "../../../shared/corpus/dev"

// TestHTMLMatchesReferenceRendering checks the HTML renderer against the
// dev corpus's visible-text renderings, which gold offsets refer to.
func TestHTMLMatchesReferenceRendering(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(sharedDev, "*.html"))
	if len(files) == 0 {
		t.Skip("../shared/corpus/dev not present")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			want, err := os.ReadFile(strings.TrimSuffix(f, ".html") + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ReadFile(f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != string(want) {
				got := doc.Text
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Fatalf("rendering differs at byte %d:\n got %q\nwant %q", i, got[i:min(len(got), i+80)], want[i:min(len(want), i+80)])
			}
			if len(doc.Markup.Links) == 0 {
				t.Fatal("no links recorded")
			}
			for _, l := range doc.Markup.Links {
				txt := doc.Slice(l.Span)
				if txt == "" || strings.TrimSpace(txt) != txt {
					t.Errorf("link %s: span text %q not trimmed", l.URL, txt)
				}
			}
		})
	}
}

func TestRead(t *testing.T) {
	utf16le := []byte{0xFF, 0xFE}
	for _, r := range "Zürich\r\nok" {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	tests := []struct {
		name, path string
		data       []byte
		wantText   string
		wantType   string
		wantEnc    string
		wantErr    error
		warnings   int
	}{
		{"utf8", "a.txt", []byte("Sergueï in Zürich\n"), "Sergueï in Zürich\n", TypeText, "utf-8", nil, 0},
		{"bom", "a.txt", []byte("\xEF\xBB\xBFHello"), "Hello", TypeText, "utf-8", nil, 0},
		{"crlf", "a.md", []byte("# T\r\n\r\nText\r\n"), "# T\n\nText\n", TypeMarkdown, "utf-8", nil, 0},
		{"utf16", "a.txt", utf16le, "Zürich\nok", TypeText, "utf-16le", nil, 0},
		{"cp1252", "a.txt", []byte("Caf\xe9 \x93quoted\x94"), "Café \u201cquoted\u201d", TypeText, "windows-1252", nil, 1},
		{"empty", "a.txt", []byte(" \n\t"), "", "", "", ErrEmpty, 0},
		{"binary", "a.txt", []byte("\x00\x01\x02PNG\x00"), "", "", "", ErrBinary, 0},
		{"unknown-ext", "a.pdf", []byte("%PDF-1.4 hello"), "", "", "", ErrUnknownType, 0},
		{"sniff-html", "-", []byte("<!DOCTYPE html><html><body><p>Hi <b>there</b></p></body></html>"), "Hi there\n", TypeHTML, "utf-8", nil, 0},
		{"html-skip", "a.html", []byte("<html><head><title>x</title><style>p{}</style></head><body><div>A&amp;B&nbsp; c<br>d</div><script>alert(1)</script></body></html>"), "A&B c\nd\n", TypeHTML, "utf-8", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(tt.path, tt.data, Options{})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != tt.wantText || doc.Source.MediaType != tt.wantType || doc.Source.Encoding != tt.wantEnc {
				t.Fatalf("got (%q, %s, %s), want (%q, %s, %s)", doc.Text, doc.Source.MediaType, doc.Source.Encoding, tt.wantText, tt.wantType, tt.wantEnc)
			}
			if len(doc.Warnings) != tt.warnings {
				t.Fatalf("warnings = %v", doc.Warnings)
			}
		})
	}
}

func TestDeeplyNestedHTML(t *testing.T) {
	const depth = 20000
	src := strings.Repeat("<div><a href='#x'>", depth) + "deep" + strings.Repeat("</a></div>", depth)
	doc, err := Read("deep.html", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(doc.Text) != "deep" {
		t.Fatalf("text = %q", doc.Text[:min(40, len(doc.Text))])
	}
}

// FuzzRead: any bytes either fail cleanly or give a document whose markup
// spans lie inside its text.
func FuzzRead(f *testing.F) {
	f.Add("a.html", []byte("<p>Hi <sup><a href='#fn1'>1</a></sup></p><ol><li id='fn1'>Note</li></ol>"))
	f.Add("a.txt", []byte("Plain text.\r\nSecond line."))
	f.Add("a.md", []byte("# T\n\n[x](http://e.org)\n"))
	f.Add("-", []byte("\xff\xfeh\x00i\x00"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		doc, err := Read(name, data, Options{})
		if err != nil {
			return
		}
		n := doc.RuneLen()
		check := func(s schema.Span) {
			if s.Start < 0 || s.End < s.Start || s.End > n {
				t.Fatalf("span %+v outside text of %d code points", s, n)
			}
		}
		for _, l := range doc.Markup.Links {
			check(l.Span)
		}
		for _, s := range doc.Markup.Superscripts {
			check(s)
		}
		for _, h := range doc.Markup.Headings {
			check(h.Span)
		}
		for _, li := range doc.Markup.ListItems {
			check(li.Span)
		}
	})
}
