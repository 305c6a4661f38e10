// Package html is the html exporter: the review page. For each document it
// writes NAME.html, the document's text with every extraction highlighted
// where its evidence stands, beside a panel listing the events (in date
// order), positions (grouped by holder), citations and warnings, with
// filters, click-to-jump, tooltips and n/p keyboard navigation. A corpus run
// also writes index.html, one row per document with its counts and a link.
//
// An analyst trusts a row only after seeing it in its sentence, so the page
// is built for reading, and for reading offline: it is one self-contained
// file (inline CSS and JavaScript, nothing fetched, no fonts), it opens from
// a file:// URL, and a strict Content-Security-Policy (scripts and styles
// allowed by hash only, nothing else loadable) backs up the escaping.
//
// Everything taken from the document is HTML-escaped: the text is written
// by a small escaper in segments.go, everything else by html/template, and
// the item data the script reads is JSON with <, > and & escaped, inside a
// non-executable <script type="application/json"> block. Only http and https
// URLs become links; any other scheme (javascript:, data:) is shown as text.
//
// Speed: the highlighted text is rendered here, in Go, in one pass over the
// span boundaries (no per-span work in the browser), and long documents are
// cut into blocks the browser lays out only when they scroll into view.
package html
