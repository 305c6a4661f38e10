// Command dossier turns policy and analysis documents into structured,
// grounded data: events, positions, citations and actors, exported as JSON,
// JSON-LD, an XLSX workbook, a PDF briefing and an HTML review page.
//
// One command a file (cmd_<verb>.go), each with an options struct that adds
// its flags and a run function; exit codes are mapped in one place
// (exitcode.go).
package main
