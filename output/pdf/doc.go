// Package pdf is the "pdf" exporter: NAME.pdf per document, a briefing a
// writer could hand to a minister. Page 1 describes the document and gives
// the key points (positions by holder, the span of dates covered); then a
// drawn timeline, the chronology table, positions grouped by holder,
// sources in Chicago notes-bibliography style and the warnings an editor
// should check. A multi-document run can also write digest.pdf, one
// chronology across all documents (output.pdf.digest).
//
// It uses codeberg.org/go-pdf/fpdf, the maintained successor of
// github.com/jung-kurt/gofpdf (archived in 2019) with the same API. Fonts
// are loaded from bytes compiled into the binary (the Go fonts), or from a
// configured TrueType file; characters the font lacks are replaced and
// reported, never passed to fpdf.
package pdf
