package timex

import (
	"fmt"
	"strconv"
	"time"
)

// gran is the granularity of a calendar value.
type gran int

// Granularities, coarsest first.
const (
	gNone gran = iota
	gCentury
	gDecade
	gYear
	gHalf
	gSeason
	gQuarter
	gMonth
	gWeek
	gDay
)

// dval is a calendar value at a granularity. y is always set for gYear and
// finer; sub is the quarter, half, season index or ISO week as the
// granularity needs; for gDecade y is the decade's first year, for
// gCentury the century's first year.
type dval struct {
	g       gran
	y, m, d int
	sub     int
}

var seasonCodes = [...]string{"SP", "SU", "FA", "WI"}

// seasonIndex maps a TIMEX3 season code to 0..3.
func seasonIndex(code string) int {
	for i, c := range seasonCodes {
		if c == code {
			return i
		}
	}
	return -1
}

// String formats the value as TIMEX3 writes it.
func (v dval) String() string {
	switch v.g {
	case gCentury:
		return strconv.Itoa(v.y / 100)
	case gDecade:
		// TIMEX3 allows "201" and "201X"; the issue and the gold format
		// write decades as "201X" ("the 1950s" -> "195X").
		return strconv.Itoa(v.y/10) + "X"
	case gYear:
		return fmt.Sprintf("%04d", v.y)
	case gHalf:
		return fmt.Sprintf("%04d-H%d", v.y, v.sub)
	case gSeason:
		return fmt.Sprintf("%04d-%s", v.y, seasonCodes[v.sub])
	case gQuarter:
		return fmt.Sprintf("%04d-Q%d", v.y, v.sub)
	case gMonth:
		return fmt.Sprintf("%04d-%02d", v.y, v.m)
	case gWeek:
		return fmt.Sprintf("%04d-W%02d", v.y, v.sub)
	case gDay:
		return fmt.Sprintf("%04d-%02d-%02d", v.y, v.m, v.d)
	}
	return ""
}

func (v dval) time() time.Time {
	return time.Date(v.y, time.Month(max(v.m, 1)), max(v.d, 1), 12, 0, 0, 0, time.UTC)
}

func dayOf(t time.Time) dval {
	return dval{g: gDay, y: t.Year(), m: int(t.Month()), d: t.Day()}
}

// weekOf returns the ISO week containing a day.
func weekOf(t time.Time) dval {
	y, w := t.ISOWeek()
	return dval{g: gWeek, y: y, sub: w}
}

// quarterOf is the quarter a month falls in.
func quarterOf(m int) int { return (m-1)/3 + 1 }

// seasonOf is the season a month falls in (meteorological, northern).
func seasonOf(m int) int {
	switch {
	case m >= 3 && m <= 5:
		return 0
	case m >= 6 && m <= 8:
		return 1
	case m >= 9 && m <= 11:
		return 2
	}
	return 3
}

// validDay reports whether y-m-d exists.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// shift moves a value by n units of granularity g (the value's own
// granularity when g is gNone), returning the result at granularity g.
func (v dval) shift(g gran, n int) (dval, bool) {
	if v.y == 0 {
		return dval{}, false
	}
	switch g {
	case gCentury:
		return dval{g: gCentury, y: (v.y/100 + n) * 100}, true
	case gDecade:
		return dval{g: gDecade, y: (v.y/10 + n) * 10}, true
	case gYear:
		return dval{g: gYear, y: v.y + n}, true
	case gQuarter:
		q := v.sub
		if v.g != gQuarter {
			if v.m == 0 {
				return dval{}, false
			}
			q = quarterOf(v.m)
		}
		k := v.y*4 + q - 1 + n
		return dval{g: gQuarter, y: floorDiv(k, 4), sub: k - floorDiv(k, 4)*4 + 1}, true
	case gMonth:
		if v.m == 0 {
			return dval{}, false
		}
		k := v.y*12 + v.m - 1 + n
		return dval{g: gMonth, y: floorDiv(k, 12), m: k - floorDiv(k, 12)*12 + 1}, true
	case gWeek:
		if v.d == 0 {
			if v.g == gWeek {
				t := isoWeekStart(v.y, v.sub).AddDate(0, 0, 7*n)
				return weekOf(t), true
			}
			return dval{}, false
		}
		return weekOf(v.time().AddDate(0, 0, 7*n)), true
	case gDay:
		if v.d == 0 {
			return dval{}, false
		}
		return dayOf(v.time().AddDate(0, 0, n)), true
	}
	return dval{}, false
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// isoWeekStart is the Monday of ISO week w of year y.
func isoWeekStart(y, w int) time.Time {
	t := time.Date(y, 1, 4, 12, 0, 0, 0, time.UTC)
	wd := int(t.Weekday()+6) % 7 // Monday 0
	return t.AddDate(0, 0, -wd+7*(w-1))
}

// parseDCT reads a creation date: "YYYY-MM-DD" (anything after the day,
// such as a time, is ignored), "YYYY-MM" or "YYYY".
func parseDCT(s string) (dval, bool) {
	num := func(a, b int) (int, bool) {
		if len(s) < b {
			return 0, false
		}
		n, err := strconv.Atoi(s[a:b])
		return n, err == nil && n >= 0
	}
	y, ok := num(0, 4)
	if !ok || y == 0 {
		return dval{}, false
	}
	if len(s) == 4 {
		return dval{g: gYear, y: y}, true
	}
	if len(s) < 7 || s[4] != '-' {
		return dval{}, false
	}
	m, ok := num(5, 7)
	if !ok || m < 1 || m > 12 {
		return dval{}, false
	}
	if len(s) == 7 {
		return dval{g: gMonth, y: y, m: m}, true
	}
	if len(s) < 10 || s[7] != '-' || (len(s) > 10 && s[10] != 'T' && s[10] != ' ') {
		return dval{}, false
	}
	d, ok := num(8, 10)
	if !ok || !validDay(y, m, d) {
		return dval{}, false
	}
	return dval{g: gDay, y: y, m: m, d: d}, true
}

// notAfter reports whether v starts no later than b (comparing the parts
// both have).
func (v dval) notAfter(b dval) bool {
	if v.y != b.y {
		return v.y < b.y
	}
	if v.m != 0 && b.m != 0 && v.m != b.m {
		return v.m < b.m
	}
	if v.d != 0 && b.d != 0 {
		return v.d <= b.d
	}
	return true
}
