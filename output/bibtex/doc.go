// Package bibtex is the bibtex exporter: NAME.bib, one BibTeX entry per
// source the document cites (see csl.Items), for LaTeX users and for
// import into Zotero, JabRef or EndNote. Values are UTF-8 with BibTeX's
// special characters escaped; keys are unique within the file.
package bibtex
