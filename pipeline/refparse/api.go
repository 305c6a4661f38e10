package refparse

import (
	"fmt"

	"github.com/dossier-dev/dossier/schema"
)

// Parse turns one reference string into a CSL-JSON item. It never panics;
// an empty or unparseable string gives an item with whatever was found.
func Parse(ref string) schema.CSLItem {
	return parseRef(ref)
}

// ParseNote reads a whole endnote. kind is schema.KindReference when the note
// cites at least one source and schema.KindNote when it only explains; items
// holds every source the note cites, in order.
func ParseNote(note string) (kind string, items []schema.CSLItem) {
	return parseNote(note)
}

// ISODate renders a CSL date at the precision it has: "2014", "2014-04" or
// "2014-04-02"; "" for nil or a date without parts.
func ISODate(d *schema.CSLDate) string {
	if d == nil || len(d.DateParts) == 0 || len(d.DateParts[0]) == 0 {
		return ""
	}
	p := d.DateParts[0]
	switch {
	case len(p) >= 3:
		return fmt.Sprintf("%04d-%02d-%02d", p[0], p[1], p[2])
	case len(p) == 2:
		return fmt.Sprintf("%04d-%02d", p[0], p[1])
	default:
		return fmt.Sprintf("%04d", p[0])
	}
}
