// Package citations is the "citations" stage: it finds a document's notes
// (numbered endnotes, Markdown footnotes, HTML note lists, entries under a
// Notes/References heading), links in-text markers to them ([4], [^4],
// superscripts, "(note 4)", ranges like [4–6]) and parses every note into
// CSL-JSON with refparse, filling doc.Citations.
//
// A document without notes cites its sources inline: each body link (a
// Markdown [text](url) in the text as written, or an HTML <a href> recorded
// in doc.Markup.Links) and each figure "Source:" line is then a citation,
// numbered "1", "2", … in order of appearance. Site navigation, share and
// download links and internal "#…" anchors are not sources.
//
// Heading words, entry and marker patterns and the navigation word lists
// live in lexicon.yaml, embedded at build time.
package citations
