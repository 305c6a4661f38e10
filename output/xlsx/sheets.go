package xlsx

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/schema"
)

// Sheet names. ReadMarks finds the review sheets by these names.
const (
	SheetOverview  = "Overview"
	SheetEvents    = "Events"
	SheetPositions = "Positions"
	SheetCitations = "Citations"
	SheetActors    = "Actors"
	SheetWarnings  = "Warnings"
	SheetFailures  = "Failures"
)

// Column headers that ReadMarks reads back; the others are for people.
const (
	ColDocument  = "Document"
	ColID        = "ID"
	ColDate      = "Date"
	ColEndDate   = "End date"
	ColPrecision = "Precision"
	ColValue     = "Value"
	ColEndValue  = "End value"
	ColType      = "Type"
	ColActors    = "Actors"
	ColPeople    = "People"
	ColSummary   = "Summary"
	ColHolder    = "Holder"
	ColStance    = "Stance"
	ColTopic     = "Topic"
	ColStatement = "Statement"
	ColReview    = "Review"
	ColComment   = "Comment"
	// ColKey is hidden: the document hash, document and item ids, the
	// evidence fingerprint and (for events) the date value, end value and
	// precision as extracted, as a JSON array. It is how a review mark finds
	// its item again and tells which date cells the analyst changed.
	ColKey = "Key"
)

// Review marks offered by the Review column's drop-down.
const (
	ReviewVerified  = "verified"
	ReviewRejected  = "rejected"
	ReviewCorrected = "corrected"
)

// ReviewChoices lists the marks in drop-down order.
var ReviewChoices = []string{ReviewVerified, ReviewRejected, ReviewCorrected}

// listSep joins list cells (actors, people, aliases); ReadMarks splits on
// it. A semicolon because names contain commas ("Korea, Republic of").
const listSep = "; "

// colType decides a column's cell style.
type colType uint8

const (
	cText colType = iota
	cWrap
	cInt
	cDate
	cLink
	cHidden
)

// column is one column of a sheet.
type column struct {
	name  string
	width float64
	typ   colType
}

// sheetSpec describes one table sheet.
type sheetSpec struct {
	name  string
	table string
	cols  []column
	// review adds the drop-down on the Review column.
	review bool
	// perDoc is false for sheets without a Document column (Failures).
	perDoc bool
}

var eventCols = []column{
	{ColID, 8, cText}, {ColDate, 12, cDate}, {ColEndDate, 12, cDate}, {ColPrecision, 10, cText},
	{ColValue, 12, cText}, {ColEndValue, 12, cText}, {"Date as written", 20, cWrap}, {ColType, 12, cText},
	{ColActors, 24, cWrap}, {ColPeople, 24, cWrap}, {ColSummary, 48, cWrap}, {"Evidence", 60, cWrap},
	{"Notes", 9, cLink}, {"Source", 24, cText}, {"Start", 9, cInt}, {"End", 9, cInt},
	{ColReview, 12, cText}, {ColComment, 30, cWrap}, {ColKey, 10, cHidden},
}

var positionCols = []column{
	{ColID, 8, cText}, {ColHolder, 22, cWrap}, {"Holder kind", 12, cText}, {ColStance, 11, cText},
	{ColTopic, 22, cWrap}, {ColStatement, 48, cWrap}, {"Evidence", 60, cWrap}, {"Notes", 9, cLink},
	{"Source", 24, cText}, {"Start", 9, cInt}, {"End", 9, cInt},
	{ColReview, 12, cText}, {ColComment, 30, cWrap}, {ColKey, 10, cHidden},
}

var citationCols = []column{
	{ColID, 8, cText}, {"Kind", 10, cText}, {"Anchored", 9, cText}, {"Authors", 28, cWrap},
	{"Title", 44, cWrap}, {"Container", 28, cWrap}, {"Issued", 12, cDate}, {"Accessed", 12, cDate},
	{"URL", 36, cLink}, {"Note text", 60, cWrap}, {"Markers", 9, cInt}, {"Start", 9, cInt}, {"End", 9, cInt},
}

var actorCols = []column{
	{ColID, 8, cText}, {"Name", 28, cWrap}, {"Kind", 13, cText}, {"Aliases", 32, cWrap},
	{"Roles", 28, cWrap}, {"Country", 16, cText}, {"Mentions", 10, cInt}, {"First mention", 13, cInt},
}

var warningCols = []column{
	{"Stage", 12, cText}, {"Code", 22, cText}, {"Message", 60, cWrap}, {"Evidence", 50, cWrap},
	{"Start", 9, cInt}, {"End", 9, cInt},
}

var failureCols = []column{{"File", 40, cWrap}, {"Stage", 12, cText}, {"Cause", 80, cWrap}}

// docCols are the Overview's document table.
var docCols = []column{
	{ColDocument, 28, cText}, {"Title", 40, cWrap}, {"Authors", 24, cWrap}, {"Publisher", 22, cWrap},
	{"Container", 22, cWrap}, {"Published", 12, cText}, {"Language", 9, cText}, {"URL", 30, cLink},
	{"Source", 28, cText}, {"Media type", 14, cText}, {"SHA-256", 20, cText}, {"Characters", 11, cInt},
	{"Events", 9, cInt}, {"Positions", 10, cInt}, {"Citations", 10, cInt}, {"Actors", 9, cInt}, {"Warnings", 10, cInt},
}

// The table sheets in workbook order; index constants below.
var specs = []sheetSpec{
	{name: SheetEvents, table: "tblEvents", cols: eventCols, review: true, perDoc: true},
	{name: SheetPositions, table: "tblPositions", cols: positionCols, review: true, perDoc: true},
	{name: SheetCitations, table: "tblCitations", cols: citationCols, perDoc: true},
	{name: SheetActors, table: "tblActors", cols: actorCols, perDoc: true},
	{name: SheetWarnings, table: "tblWarnings", cols: warningCols, perDoc: true},
	{name: SheetFailures, table: "tblFailures", cols: failureCols},
}

const (
	iEvents = iota
	iPositions
	iCitations
	iActors
	iWarnings
	iFailures
)

// columns returns a sheet's columns, with the Document column first in a
// corpus workbook.
func (s sheetSpec) columns(corpus bool) []column {
	if !corpus || !s.perDoc {
		return s.cols
	}
	return append([]column{{ColDocument, 24, cText}}, s.cols...)
}

// eventKey and positionKey build the hidden Key cell.
func eventKey(doc *schema.Document, e *schema.Event) string {
	return keyJSON(doc.Source.SHA256, doc.ID, e.ID, e.Evidence.Fingerprint(), e.Date.Value, e.Date.EndValue, string(e.Date.Precision))
}

func positionKey(doc *schema.Document, p *schema.Position) string {
	return keyJSON(doc.Source.SHA256, doc.ID, p.ID, p.Evidence.Fingerprint())
}

func keyJSON(parts ...string) string {
	b, _ := json.Marshal(parts)
	return string(b)
}

func list(xs []string) value { return text(strings.Join(xs, listSep)) }

// dateCell is a real date when the value has a calendar start Excel can
// hold, and the value as text otherwise, so nothing is lost.
func dateCell(v string) value {
	if v == "" {
		return value{}
	}
	if t, ok := periodStart(v); ok {
		return date(t)
	}
	return text(v)
}

// noteLink is the Notes cell: the note ids, linked to the first cited
// note's row on the Citations sheet.
func noteLink(notes []string, rows map[string]int, idCol string) value {
	if len(notes) == 0 {
		return value{}
	}
	v := value{k: kText, s: strings.Join(notes, ", ")}
	for _, n := range notes {
		if r, ok := rows[n]; ok {
			v.k, v.link = kLink, SheetCitations+"!"+idCol+strconv.Itoa(r)
			break
		}
	}
	return v
}

func urlCell(u string) value {
	if u == "" {
		return value{}
	}
	if safeURL(u) {
		return value{k: kURL, s: u}
	}
	return text(u)
}

func yesNo(b bool) value {
	if b {
		return text("yes")
	}
	return text("no")
}
