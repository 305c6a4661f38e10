package refparse

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/schema"
)

// MaxBytes bounds the text one call reads: real references and notes are
// far shorter, and parsing time grows faster than length, so a runaway
// "note" (a mis-segmented page) must not stall a batch. Only the first
// MaxBytes (cut at a space) are read.
const MaxBytes = 8 << 10

// Parse turns one reference string into a CSL-JSON item. It never panics;
// an empty or unparseable string gives an item with whatever was found.
func Parse(ref string) schema.CSLItem {
	return parseRef(bounded(ref))
}

// ParseNote reads a whole endnote. kind is schema.KindReference when the note
// cites at least one source and schema.KindNote when it only explains; items
// holds every source the note cites, in order.
func ParseNote(note string) (kind string, items []schema.CSLItem) {
	return parseNote(bounded(note))
}

// bounded cuts s to MaxBytes at the last space before the limit.
func bounded(s string) string {
	if len(s) <= MaxBytes {
		return s
	}
	cut := strings.LastIndexByte(s[:MaxBytes], ' ')
	if cut <= 0 {
		cut = MaxBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut]
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
