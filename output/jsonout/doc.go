// Package jsonout is the json exporter: NAME.json per document, the
// serialised schema.Document that `dossier schema` describes, and a JSON
// Lines file (corpus.jsonl, one document a line) for a multi-document run.
package jsonout
