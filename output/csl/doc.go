// Package csl is the csl exporter: NAME.csl.json, a CSL-JSON array of the
// document's cited sources, the format Zotero, Mendeley and citeproc
// import directly. It also provides Items, the list of sources the bibtex
// and ris exporters write, so all three agree on what a document cites.
package csl
