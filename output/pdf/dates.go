package pdf

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/schema"
)

var monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

var seasonNames = map[string]string{"SP": "Spring", "SU": "Summer", "FA": "Autumn", "WI": "Winter"}

// seasonStart places a season on the axis (northern-hemisphere months).
var seasonStart = map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}

// when is a TIMEX3 date value read for display and placement.
type when struct {
	// year etc. are the parts the value gives; month/day 0 when absent.
	year, month, day int
	// hm is "15:30" for TIME values.
	hm string
	// kind is the precision the value itself shows: century, decade,
	// year, season, quarter, month, week, day, time.
	kind string
	// sub is the season code, quarter or week number.
	sub string
	// t is the start of the period in fractional years, for the axis.
	t float64
}

var (
	reDay     = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2})(?::\d{2})?|T(MO|AF|EV|NI))?$`)
	reMonth   = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	reYear    = regexp.MustCompile(`^(\d{4})$`)
	reSeason  = regexp.MustCompile(`^(\d{4})-(SP|SU|FA|WI)$`)
	reQuarter = regexp.MustCompile(`^(\d{4})-Q([1-4])$`)
	reHalf    = regexp.MustCompile(`^(\d{4})-H([12])$`)
	reWeek    = regexp.MustCompile(`^(\d{4})-W(\d{2})$`)
	reDecade  = regexp.MustCompile(`^(\d{3})X$`)
	reCentury = regexp.MustCompile(`^(\d{2})(?:XX)?$`)
)

// parseWhen reads a TIMEX3 DATE/TIME value; ok is false for values that
// have no place on a calendar axis (PRESENT_REF, XXXX-04-11, durations).
func parseWhen(v string) (w when, ok bool) {
	v = strings.TrimSpace(v)
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	if m := reDay.FindStringSubmatch(v); m != nil {
		w = when{year: atoi(m[1]), month: atoi(m[2]), day: atoi(m[3]), kind: "day"}
		if w.month < 1 || w.month > 12 || w.day < 1 || w.day > 31 {
			return when{}, false
		}
		if m[4] != "" {
			w.hm, w.kind = m[4], "time"
		}
		w.t = float64(w.year) + (float64(w.month-1)+float64(w.day-1)/31)/12
		return w, true
	}
	if m := reMonth.FindStringSubmatch(v); m != nil {
		w = when{year: atoi(m[1]), month: atoi(m[2]), kind: "month"}
		if w.month < 1 || w.month > 12 {
			return when{}, false
		}
		w.t = float64(w.year) + float64(w.month-1)/12
		return w, true
	}
	if m := reYear.FindStringSubmatch(v); m != nil {
		w = when{year: atoi(m[1]), kind: "year"}
		w.t = float64(w.year)
		return w, true
	}
	if m := reSeason.FindStringSubmatch(v); m != nil {
		w = when{year: atoi(m[1]), kind: "season", sub: m[2]}
		w.t = float64(w.year) + float64(seasonStart[m[2]]-1)/12
		return w, true
	}
	if m := reQuarter.FindStringSubmatch(v); m != nil {
		w = when{year: atoi(m[1]), kind: "quarter", sub: m[2]}
		w.t = float64(w.year) + float64(atoi(m[2])-1)/4
		return w, true
	}
	if m := reHalf.FindStringSubmatch(v); m != nil {
		w = when{year: atoi(m[1]), kind: "half", sub: m[2]}
		w.t = float64(w.year) + float64(atoi(m[2])-1)/2
		return w, true
	}
	if m := reWeek.FindStringSubmatch(v); m != nil {
		wk := atoi(m[2])
		if wk < 1 || wk > 53 {
			return when{}, false
		}
		w = when{year: atoi(m[1]), kind: "week", sub: m[2]}
		w.t = float64(w.year) + float64(wk-1)/52
		return w, true
	}
	if m := reDecade.FindStringSubmatch(v); m != nil {
		w = when{year: atoi(m[1]) * 10, kind: "decade"}
		w.t = float64(w.year)
		return w, true
	}
	if m := reCentury.FindStringSubmatch(v); m != nil {
		w = when{year: atoi(m[1]) * 100, kind: "century"}
		w.t = float64(w.year)
		return w, true
	}
	return when{}, false
}

// String renders the value at its own precision, the way a briefing
// writes dates: "1905", "October 1993", "14 November 2004", "the 1950s".
func (w when) String() string {
	switch w.kind {
	case "time":
		return fmt.Sprintf("%d %s %d, %s", w.day, monthNames[w.month-1], w.year, w.hm)
	case "day":
		return fmt.Sprintf("%d %s %d", w.day, monthNames[w.month-1], w.year)
	case "month":
		return fmt.Sprintf("%s %d", monthNames[w.month-1], w.year)
	case "season":
		return fmt.Sprintf("%s %d", seasonNames[w.sub], w.year)
	case "quarter":
		return fmt.Sprintf("Q%s %d", w.sub, w.year)
	case "half":
		return fmt.Sprintf("H%s %d", w.sub, w.year)
	case "week":
		return fmt.Sprintf("week %s, %d", strings.TrimLeft(w.sub, "0"), w.year)
	case "decade":
		return fmt.Sprintf("%ds", w.year)
	case "century":
		return fmt.Sprintf("%ds", w.year)
	}
	return strconv.Itoa(w.year)
}

// DisplayDate is how the briefing prints a date: the value at the precision
// the text gives (never a made-up day), a range as "start – end" with the
// shared year written once where it reads naturally, and the words of the
// text for values no calendar can hold. Tests look for exactly this string.
func DisplayDate(d schema.Date) string {
	start, ok := parseWhen(d.Value)
	if !ok {
		if t := strings.Join(strings.Fields(d.Text), " "); t != "" {
			return t
		}
		if d.Value != "" {
			return d.Value
		}
		return "undated"
	}
	if d.EndValue == "" || d.EndValue == d.Value {
		return start.String()
	}
	end, ok := parseWhen(d.EndValue)
	if !ok {
		return start.String()
	}
	// "3–5 March 2014", "March–May 2014"
	if start.kind == end.kind && start.year == end.year {
		switch start.kind {
		case "day":
			if start.month == end.month {
				return fmt.Sprintf("%d\u2013%d %s %d", start.day, end.day, monthNames[start.month-1], start.year)
			}
		case "month":
			return fmt.Sprintf("%s\u2013%s %d", monthNames[start.month-1], monthNames[end.month-1], start.year)
		}
	}
	return start.String() + " \u2013 " + end.String()
}

// datePlace returns where a date sits on the time axis: the start of the
// period and, for ranges, its end. ok is false for undatable values.
func datePlace(d schema.Date) (t, tEnd float64, ok bool) {
	w, ok := parseWhen(d.Value)
	if !ok {
		return 0, 0, false
	}
	t, tEnd = w.t, w.t
	if d.EndValue != "" {
		if e, ok := parseWhen(d.EndValue); ok && e.t > w.t {
			tEnd = e.t
		}
	}
	return t, tEnd, true
}

// chicagoDate renders an ISO date as Chicago writes it: "March 25, 2001",
// "March 2001", "2001". Other values pass through unchanged.
func chicagoDate(v string) string {
	w, ok := parseWhen(v)
	if !ok {
		return v
	}
	switch w.kind {
	case "day", "time":
		return fmt.Sprintf("%s %d, %d", monthNames[w.month-1], w.day, w.year)
	case "month":
		return fmt.Sprintf("%s %d", monthNames[w.month-1], w.year)
	}
	return w.String()
}
