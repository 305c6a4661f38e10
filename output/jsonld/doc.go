// Package jsonld is the jsonld exporter: a document's knowledge as linked
// data. NAME.jsonld per document, and corpus.jsonld, one graph for a
// multi-document run.
//
// The document is a schema:Report, ScholarlyArticle or CreativeWork citing
// its sources (typed from their CSL type); events are schema:Event with XSD
// dates typed by precision and a PLOVER category as additionalType;
// positions are schema:Claim with a dossier:stance; actors are
// schema:Country, Organization or Person nodes whose @id derives from the
// canonical name, so one actor is one node across a whole corpus. Every
// event, position and citation is the body of a W3C Web Annotation whose
// target selects its evidence in the document text (TextQuoteSelector and
// TextPositionSelector, code points), and a PROV-O activity records the run.
//
// The @context is written inline and there are no remote contexts: any
// JSON-LD processor reads the files offline. The dossier: terms are defined
// in vocab.jsonld (embedded) and explained in docs/vocabulary.md.
package jsonld
