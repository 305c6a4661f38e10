// Package xlsx is the xlsx exporter: the analyst's workbook. NAME.xlsx per
// document and, for a multi-document run, corpus.xlsx with a Document column
// on every sheet and a Failures sheet.
//
// Sheets: Overview (run provenance, counts, events per year with a chart,
// one row per document), Events, Positions, Citations, Actors, Warnings.
// Every table has a styled, frozen header and an Excel table (so a filter);
// dates are real date cells sharing one style; notes link to their
// Citations rows and URLs are clickable. Events and Positions carry a Review
// column (verified / rejected / corrected) and a hidden Key column that
// ReadMarks uses to turn an analyst's marks back into overrides.
//
// Text is never a formula: every string is written as an inline string, and
// text that a spreadsheet would read as a formula when edited or exported
// (leading =, +, -, @, tab or CR) also gets the quote-prefix style. The only
// formulas are dossier's own note links (HYPERLINK("#Citations!A7","7"),
// display text cached); URLs are native hyperlinks, http(s) only.
//
// Rows are spooled to temporary files as documents arrive and streamed into
// the workbook at Close, when the row counts are known: excelize's
// StreamWriter writes each sheet's used range (<dimension>) before the
// first row, and readers such as openpyxl in read-only mode trust it.
// Memory does not grow with the number of rows, except for what excelize
// itself holds: native URL links until Flush (capped per sheet) and the
// final zip, which it assembles in memory.
package xlsx
