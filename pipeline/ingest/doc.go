// Package ingest reads a file into a schema.Document: it detects the format
// (by extension, then by sniffing), decodes the bytes to UTF-8 (UTF-8 with or
// without BOM, UTF-16 with BOM, Windows-1252 as a fall-back with a warning),
// normalises line endings, and for HTML renders the visible text.
//
// The HTML rendering follows fixed, documented rules (those of the dev
// corpus's render_html.py): script, style and head are dropped; whitespace
// inside text counts as a space; a line break ends each block element
// (p, div, h1-h6, li, tr, table, section) and each <br>; lines are trimmed,
// inner runs of spaces collapsed, empty lines dropped. Links, superscripts,
// headings and list items are recorded in Document.Markup, in offsets of the
// rendered text.
package ingest
