// Package schema is dossier's typed model of a document and of everything
// extracted from it: events, positions, citations, actors and warnings.
//
// The model is the contract between the pipeline (which fills it) and the
// exporters (which read it); neither imports the other. Every extracted item
// carries Evidence whose offsets count Unicode code points into
// Document.Text, start inclusive and end exclusive, so that an analyst (or a
// test) can always check that the cited text is where the item says it is.
//
// JSONSchema returns the published JSON Schema of a serialised Document.
package schema
