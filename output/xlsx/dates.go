package xlsx

import (
	"strconv"
	"strings"
	"time"
)

// minExcelDate is the first day a 1900-system workbook can hold as a date.
var minExcelDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// periodStart turns an ISO 8601 / TIMEX3 value into the first moment of the
// period it names ("2014" → 2014-01-01, "2014-Q3" → 2014-07-01, "198X" →
// 1980-01-01), so a date column sorts and filters by real dates. ok is false
// for values with no calendar anchor (PRESENT_REF, XXXX-04-11) and for days
// before 1900, which Excel cannot store as dates.
func periodStart(v string) (t time.Time, ok bool) {
	v = strings.TrimSpace(v)
	date, clock, hasClock := strings.Cut(v, "T")
	parts := strings.Split(date, "-")
	y := parts[0]
	var year int
	switch {
	case len(y) == 4 && strings.HasSuffix(y, "XX") && allDigits(y[:2]):
		year, _ = strconv.Atoi(y[:2] + "00")
		parts = parts[:1]
	case len(y) == 4 && y[3] == 'X' && allDigits(y[:3]):
		year, _ = strconv.Atoi(y[:3] + "0")
		parts = parts[:1]
	case len(y) == 4 && allDigits(y):
		year, _ = strconv.Atoi(y)
	case len(y) == 2 && allDigits(y) && len(parts) == 1:
		c, _ := strconv.Atoi(y)
		year = c * 100
	default:
		return time.Time{}, false
	}
	month, day := 1, 1
	if len(parts) >= 2 {
		p := parts[1]
		switch {
		case len(p) == 2 && allDigits(p):
			month, _ = strconv.Atoi(p)
		case len(p) == 2 && p[0] == 'Q' && p[1] >= '1' && p[1] <= '4':
			month = int(p[1]-'1')*3 + 1
		case p == "SP":
			month = 3
		case p == "SU":
			month = 6
		case p == "FA":
			month = 9
		case p == "WI":
			month = 12
		case len(p) == 3 && p[0] == 'W' && allDigits(p[1:]):
			w, _ := strconv.Atoi(p[1:])
			if w < 1 || w > 53 {
				return time.Time{}, false
			}
			// ISO week 1 holds January 4th; weeks start on Monday.
			jan4 := time.Date(year, 1, 4, 0, 0, 0, 0, time.UTC)
			monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
			t = monday.AddDate(0, 0, (w-1)*7)
			return t, !t.Before(minExcelDate)
		default:
			return time.Time{}, false
		}
		if month < 1 || month > 12 {
			return time.Time{}, false
		}
	}
	if len(parts) >= 3 {
		p := parts[2]
		if len(p) != 2 || !allDigits(p) {
			return time.Time{}, false
		}
		day, _ = strconv.Atoi(p)
	}
	if len(parts) > 3 {
		return time.Time{}, false
	}
	t = time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || t.Month() != time.Month(month) {
		return time.Time{}, false // 2014-02-30
	}
	if hasClock && len(parts) == 3 {
		if hh, mm, ok := strings.Cut(clock, ":"); ok && len(hh) == 2 && len(mm) >= 2 && allDigits(hh) && allDigits(mm[:2]) {
			h, _ := strconv.Atoi(hh)
			m, _ := strconv.Atoi(mm[:2])
			if h < 24 && m < 60 {
				t = t.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
			}
		}
	}
	return t, !t.Before(minExcelDate)
}

// valueAt formats t as an ISO 8601 / TIMEX3 value at a precision: the
// reverse of periodStart, used when an analyst corrects a date cell.
func valueAt(t time.Time, precision string) string {
	switch precision {
	case "century":
		return strconv.Itoa(t.Year() / 100)
	case "decade":
		return strconv.Itoa(t.Year()/10) + "X"
	case "year":
		return t.Format("2006")
	case "season":
		s := [...]string{"WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"}[t.Month()-1]
		return t.Format("2006") + "-" + s
	case "quarter":
		return t.Format("2006") + "-Q" + strconv.Itoa((int(t.Month())-1)/3+1)
	case "month":
		return t.Format("2006-01")
	case "week":
		y, w := t.ISOWeek()
		return strconv.Itoa(y) + "-W" + twoDigits(w)
	case "time":
		return t.Format("2006-01-02T15:04")
	}
	return t.Format("2006-01-02")
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
