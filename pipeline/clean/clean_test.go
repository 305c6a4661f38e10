package clean

import (
	"context"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/schema"
)

func TestBoilerplate(t *testing.T) {
	text := strings.Join([]string{
		"Teaser headline about trade",
		"",
		"Logo Example Institute",
		"",
		"The Real Title of the Brief",
		"",
		"Photo of a minister, courtesy of a wire agency",
		"By Ann Author for Example Institute",
		"",
		"Ministers met in 2019 and agreed to cut tariffs.",
		"",
		"[Home](https://x.org/) > [Reports](https://x.org/r) > Brief",
		"Share this",
		"For more information on the brief, please visit our site.",
		"Comments are closed.",
	}, "\n")
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	doc := &schema.Document{Text: text}
	if err := c.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	var marked []string
	for _, s := range doc.Boilerplate {
		marked = append(marked, doc.Slice(s))
	}
	all := strings.Join(marked, "|")
	for _, want := range []string{"Teaser headline", "Logo Example", "courtesy of", "[Home]", "Share this", "For more information", "Comments are closed."} {
		if !strings.Contains(all, want) {
			t.Errorf("%q not marked; marked: %q", want, marked)
		}
	}
	for _, keep := range []string{"The Real Title", "By Ann Author", "Ministers met"} {
		if strings.Contains(all, keep) {
			t.Errorf("%q marked as boilerplate: %q", keep, marked)
		}
	}
	if doc.Text != text {
		t.Fatal("text changed")
	}
	ministers := strings.Index(text, "Ministers")
	if doc.InBoilerplate(doc.RuneOffset(ministers)) || !doc.InBoilerplate(doc.RuneOffset(strings.Index(text, "Share this"))) {
		t.Fatal("InBoilerplate disagrees with the spans")
	}
}
