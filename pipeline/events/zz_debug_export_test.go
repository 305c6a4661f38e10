package events

import (
	"fmt"

	"github.com/dossier-dev/dossier/schema"
)

func DebugCandidates(s *Stage, doc *schema.Document) []string {
	var out []string
	for _, c := range s.candidates(doc) {
		out = append(out, fmt.Sprintf("cand %s..%s %q", c.date.Value, c.date.EndValue, doc.Text[c.start:c.end]))
	}
	return out
}
