package xlsx

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/schema"
	"github.com/xuri/excelize/v2"
)

// Mark is one row an analyst marked in the Review column of a workbook.
type Mark struct {
	// Sheet is SheetEvents or SheetPositions; Row is the 1-based row.
	Sheet string
	Row   int
	// DocSHA256 and DocID name the document, ItemID and Fingerprint the
	// item (schema.Evidence.Fingerprint of its evidence).
	DocSHA256, DocID, ItemID, Fingerprint string
	// Review is ReviewVerified, ReviewRejected or ReviewCorrected.
	Review  string
	Comment string

	// Corrected event values (Review == corrected on Events): the row's
	// cells as the analyst left them. Date and EndDate are ISO 8601 /
	// TIMEX3 values.
	Date, EndDate, Type, Summary string
	Actors, People               []string

	// Corrected position values (Review == corrected on Positions).
	Holder, Stance, Topic, Statement string
}

// ReviewError lists every problem found in a reviewed workbook, each
// naming its sheet and row, so an analyst can fix them all in one pass.
type ReviewError struct {
	Path     string
	Problems []string
}

func (e *ReviewError) Error() string {
	return e.Path + ": " + strings.Join(e.Problems, "; ")
}

// ReadMarks reads the Review marks of a workbook written by this exporter
// (and edited in Excel, LibreOffice or anything else that keeps the hidden
// Key column). Rows without a mark are skipped. On a corrected event row
// the date is taken from the Value cell if the analyst changed it,
// otherwise from the Date cell at the row's Precision if either changed.
func ReadMarks(path string) ([]Mark, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	var marks []Mark
	var problems []string
	found := false
	for _, sheet := range []string{SheetEvents, SheetPositions} {
		if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
			continue
		}
		found = true
		ms, ps, err := readSheet(f, sheet)
		if err != nil {
			return nil, fmt.Errorf("%s: sheet %s: %w", path, sheet, err)
		}
		marks = append(marks, ms...)
		problems = append(problems, ps...)
	}
	if !found {
		return nil, fmt.Errorf("%s: no %s or %s sheet: not a dossier workbook", path, SheetEvents, SheetPositions)
	}
	if len(problems) > 0 {
		return marks, &ReviewError{Path: path, Problems: problems}
	}
	return marks, nil
}

func readSheet(f *excelize.File, sheet string) (marks []Mark, problems []string, err error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	col := map[string]int{}
	r := 0
	bad := func(format string, a ...any) {
		problems = append(problems, fmt.Sprintf("%s row %d: ", sheet, r)+fmt.Sprintf(format, a...))
	}
	for rows.Next() {
		r++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, nil, err
		}
		if r == 1 {
			for i, h := range cells {
				col[strings.TrimSpace(h)] = i
			}
			for _, need := range []string{ColReview, ColKey} {
				if _, ok := col[need]; !ok {
					return nil, nil, fmt.Errorf("no %q column in the header row", need)
				}
			}
			continue
		}
		raw := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(cells) {
				return ""
			}
			return cells[i]
		}
		// Free text (summary, statement, comment) is kept as written, so
		// an untouched cell reads back exactly; codes and names are
		// trimmed.
		get := func(name string) string { return strings.TrimSpace(raw(name)) }
		review := strings.ToLower(get(ColReview))
		if review == "" {
			continue
		}
		switch review {
		case ReviewVerified, ReviewRejected, ReviewCorrected:
		default:
			bad("review mark %q is not one of %s", get(ColReview), strings.Join(ReviewChoices, ", "))
			continue
		}
		var key []string
		if err := json.Unmarshal([]byte(get(ColKey)), &key); err != nil || len(key) < 4 {
			bad("the hidden Key cell is missing or damaged; the row cannot be matched to its item")
			continue
		}
		m := Mark{Sheet: sheet, Row: r, DocSHA256: key[0], DocID: key[1], ItemID: key[2], Fingerprint: key[3],
			Review: review, Comment: raw(ColComment)}
		if review == ReviewCorrected {
			if sheet == SheetEvents {
				for len(key) < 7 {
					key = append(key, "")
				}
				prec := get(ColPrecision)
				var ok bool
				if m.Date, ok = correctedDate(get(ColValue), get(ColDate), prec, key[4], key[6]); !ok {
					bad("corrected date (Date %q, Value %q) is not a date", get(ColDate), get(ColValue))
					continue
				}
				if m.EndDate, ok = correctedDate(get(ColEndValue), get(ColEndDate), prec, key[5], key[6]); !ok {
					bad("corrected end date (End date %q, End value %q) is not a date", get(ColEndDate), get(ColEndValue))
					continue
				}
				if m.Date == "" {
					bad("corrected event has no date")
					continue
				}
				m.Type, m.Summary = get(ColType), raw(ColSummary)
				m.Actors, m.People = splitList(get(ColActors)), splitList(get(ColPeople))
				if m.Type == "" {
					bad("corrected event has no type")
					continue
				}
			} else {
				m.Holder, m.Stance, m.Topic, m.Statement = get(ColHolder), strings.ToLower(get(ColStance)), get(ColTopic), raw(ColStatement)
				if !validStance(m.Stance) {
					bad("corrected stance %q is not one of %s", get(ColStance), strings.Join(stances, ", "))
					continue
				}
				if m.Holder == "" {
					bad("corrected position has no holder")
					continue
				}
			}
		}
		marks = append(marks, m)
	}
	return marks, problems, rows.Error()
}

var stances = []string{schema.StanceSupport, schema.StanceOppose, schema.StanceDemand, schema.StancePropose,
	schema.StanceRecommend, schema.StanceReject, schema.StanceCriticize, schema.StanceOther}

func validStance(s string) bool {
	for _, x := range stances {
		if s == x {
			return true
		}
	}
	return false
}

// correctedDate resolves a date an analyst may have corrected in either of
// its two cells: the Value text wins if it differs from what was
// extracted; otherwise the Date cell (at the row's precision) counts if it
// or the precision changed.
func correctedDate(valueCell, dateCell, prec, orig, origPrec string) (string, bool) {
	if valueCell != orig {
		return valueCell, valueCell == "" || plausibleValue(valueCell)
	}
	if dateCell == "" {
		return orig, true
	}
	t, ok := cellTime(dateCell)
	if !ok {
		// The analyst typed text into the date cell.
		if plausibleValue(dateCell) {
			return dateCell, true
		}
		return "", false
	}
	start, hadStart := periodStart(orig)
	if hadStart && t.Equal(start) && prec == origPrec {
		return orig, true
	}
	return valueAt(t, prec), true
}

// cellTime reads a date cell's raw value: an Excel serial number, or ISO
// text when the cell was typed as text.
func cellTime(s string) (time.Time, bool) {
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		t, err := excelize.ExcelDateToTime(n, false)
		return t.UTC(), err == nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05Z07:00", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// plausibleValue accepts what a TIMEX3 date value can be.
func plausibleValue(v string) bool {
	if _, ok := periodStart(v); ok {
		return true
	}
	switch v {
	case "PRESENT_REF", "PAST_REF", "FUTURE_REF":
		return true
	}
	return strings.HasPrefix(v, "XXXX") || (len(v) >= 4 && allDigits(v[:4]))
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
