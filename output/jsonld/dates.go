package jsonld

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// XSD datatypes a date literal can carry, by how much of the date is known.
const (
	xsdGYear      = "xsd:gYear"
	xsdGYearMonth = "xsd:gYearMonth"
	xsdDate       = "xsd:date"
	xsdDateTime   = "xsd:dateTime"
)

// literal is a typed RDF literal in JSON-LD's value-object form.
type literal struct {
	Value string `json:"@value"`
	Type  string `json:"@type"`
}

// interval is what a TIMEX3 / ISO 8601 value says about time: its earliest
// and latest possible dates at the precision XSD can type. Exact values
// (a year, a month, a day) have Lo == Hi; values that name a period XSD has
// no type for (a decade, a quarter, a week) become the interval of its
// first and last unit.
type interval struct {
	Lo, Hi literal
}

var (
	reYear     = regexp.MustCompile(`^(\d{4})$`)
	reMonth    = regexp.MustCompile(`^(\d{4})-(0[1-9]|1[0-2])$`)
	reDay      = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)
	reDateTime = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$`)
	rePartDay  = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})T(MO|MI|AF|EV|NI|DT)$`)
	reDecade   = regexp.MustCompile(`^(\d{3})X$`)
	reCentury  = regexp.MustCompile(`^(\d{2})(?:XX)?$`)
	reQuarter  = regexp.MustCompile(`^(\d{4})-Q([1-4])$`)
	reHalf     = regexp.MustCompile(`^(\d{4})-H([12])$`)
	reSeason   = regexp.MustCompile(`^(\d{4})-(SP|SU|FA|WI)$`)
	reWeek     = regexp.MustCompile(`^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$`)
)

// parseInterval reads a TIMEX3 DATE/TIME value. ok is false for values with
// no calendar position (PRESENT_REF, XXXX-04-11, durations): those are
// written only as dossier:timexValue.
//
// Choices for values XSD cannot type directly, documented in
// docs/vocabulary.md:
//   - decade 198X: gYear 1980 to gYear 1989;
//   - century 19 (the 1900s): gYear 1900 to gYear 1999;
//   - quarter 2014-Q3 and half 2014-H2: gYearMonth of the first to the
//     last month;
//   - ISO week 2014-W11: date of its Monday to date of its Sunday;
//   - season 2014-SU: gYear 2014 — seasons depend on the hemisphere and
//     winter straddles two years, so only the year is asserted;
//   - part of day 2013-03-22TMO: the date.
func parseInterval(v string) (interval, bool) {
	same := func(val, typ string) (interval, bool) {
		l := literal{val, typ}
		return interval{l, l}, true
	}
	if reYear.MatchString(v) {
		return same(v, xsdGYear)
	}
	if reMonth.MatchString(v) {
		return same(v, xsdGYearMonth)
	}
	if m := reDay.FindStringSubmatch(v); m != nil {
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return interval{}, false
		}
		return same(v, xsdDate)
	}
	if m := reDateTime.FindStringSubmatch(v); m != nil {
		sec := m[3]
		if sec == "" {
			sec = ":00"
		}
		if _, err := time.Parse("2006-01-02T15:04", m[1]+"T"+m[2]); err != nil {
			return interval{}, false
		}
		return same(m[1]+"T"+m[2]+sec+m[4], xsdDateTime)
	}
	if m := rePartDay.FindStringSubmatch(v); m != nil {
		if _, err := time.Parse("2006-01-02", m[1]); err != nil {
			return interval{}, false
		}
		return same(m[1], xsdDate)
	}
	if m := reDecade.FindStringSubmatch(v); m != nil {
		return interval{literal{m[1] + "0", xsdGYear}, literal{m[1] + "9", xsdGYear}}, true
	}
	if m := reCentury.FindStringSubmatch(v); m != nil {
		return interval{literal{m[1] + "00", xsdGYear}, literal{m[1] + "99", xsdGYear}}, true
	}
	if m := reQuarter.FindStringSubmatch(v); m != nil {
		q, _ := strconv.Atoi(m[2])
		return monthRange(m[1], 3*q-2, 3*q), true
	}
	if m := reHalf.FindStringSubmatch(v); m != nil {
		h, _ := strconv.Atoi(m[2])
		return monthRange(m[1], 6*h-5, 6*h), true
	}
	if m := reSeason.FindStringSubmatch(v); m != nil {
		return same(m[1], xsdGYear)
	}
	if m := reWeek.FindStringSubmatch(v); m != nil {
		y, _ := strconv.Atoi(m[1])
		w, _ := strconv.Atoi(m[2])
		mon, ok := isoWeekMonday(y, w)
		if !ok {
			return interval{}, false
		}
		return interval{
			literal{mon.Format("2006-01-02"), xsdDate},
			literal{mon.AddDate(0, 0, 6).Format("2006-01-02"), xsdDate},
		}, true
	}
	return interval{}, false
}

func monthRange(year string, from, to int) interval {
	return interval{
		literal{fmt.Sprintf("%s-%02d", year, from), xsdGYearMonth},
		literal{fmt.Sprintf("%s-%02d", year, to), xsdGYearMonth},
	}
}

// isoWeekMonday returns the Monday of ISO week w of year y; ok is false for
// a week 53 the year does not have.
func isoWeekMonday(y, w int) (time.Time, bool) {
	// January 4th is always in week 1.
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	offset := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	mon := jan4.AddDate(0, 0, -offset+7*(w-1))
	if yy, ww := mon.ISOWeek(); yy != y || ww != w {
		return time.Time{}, false
	}
	return mon, true
}
