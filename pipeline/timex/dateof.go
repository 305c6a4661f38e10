package timex

import (
	"strings"

	"github.com/dossier-dev/dossier/schema"
)

// DateOf turns a DATE expression (or a TIME on a known day) into a
// schema.Date for an event: the value at the text's precision, the end of
// a range, and where the words are. It reports false for expressions that
// name no calendar date: durations, sets, PRESENT_REF and the like, and
// values with unknown parts ("XXXX-04-11"). Inferred is set when the value
// came from context (te.Anchored). An open range ("since March 2014 to
// present") keeps no EndValue, since "present" is no calendar date; a
// half year ("2014-H1") becomes the range of its two quarters.
func DateOf(te schema.TimeExpr) (schema.Date, bool) {
	if te.Type != "DATE" && te.Type != "TIME" {
		return schema.Date{}, false
	}
	v, p, end, ok := precisionOf(te.Value)
	if !ok {
		return schema.Date{}, false
	}
	d := schema.Date{Value: v, EndValue: end, Precision: p, Text: te.Text, Start: te.Start, End: te.End, Inferred: te.Anchored}
	if te.EndValue != "" {
		if ev, _, evEnd, ok := precisionOf(te.EndValue); ok {
			d.EndValue = ev
			if evEnd != "" {
				d.EndValue = evEnd
			}
		}
	}
	return d, true
}

// precisionOf classifies a TIMEX3 calendar value; end is set when the
// value is itself a range (a half year).
func precisionOf(v string) (value string, p schema.Precision, end string, ok bool) {
	if len(v) == 4 && v[3] == 'X' && strings.Trim(v[:3], "0123456789") == "" {
		return v, schema.PrecisionDecade, "", true // "195X": the 1950s
	}
	if v == "" || strings.ContainsAny(v, "X") || strings.HasSuffix(v, "_REF") {
		return "", "", "", false
	}
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return s != ""
	}
	if k := strings.IndexByte(v, 'T'); k == 10 {
		if _, p2, _, ok := precisionOf(v[:10]); ok && p2 == schema.PrecisionDay {
			return v, schema.PrecisionTime, "", true
		}
		return "", "", "", false
	}
	switch {
	case len(v) == 2 && digits(v):
		return v, schema.PrecisionCentury, "", true
	case len(v) == 3 && digits(v):
		return v, schema.PrecisionDecade, "", true
	case len(v) == 4 && digits(v):
		return v, schema.PrecisionYear, "", true
	}
	if len(v) < 7 || !digits(v[:4]) || v[4] != '-' {
		return "", "", "", false
	}
	rest := v[5:]
	switch {
	case len(rest) == 2 && digits(rest):
		return v, schema.PrecisionMonth, "", true
	case len(rest) == 5 && digits(rest[:2]) && rest[2] == '-' && digits(rest[3:]):
		return v, schema.PrecisionDay, "", true
	case len(rest) == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4':
		return v, schema.PrecisionQuarter, "", true
	case len(rest) == 2 && rest[0] == 'H' && (rest[1] == '1' || rest[1] == '2'):
		q := 1
		if rest[1] == '2' {
			q = 3
		}
		return v[:5] + "Q" + string(rune('0'+q)), schema.PrecisionQuarter, v[:5] + "Q" + string(rune('0'+q+1)), true
	case len(rest) == 2 && seasonIndex(rest) >= 0:
		return v, schema.PrecisionSeason, "", true
	case len(rest) >= 3 && rest[0] == 'W' && digits(rest[1:3]):
		return v[:8], schema.PrecisionWeek, "", true
	}
	return "", "", "", false
}
