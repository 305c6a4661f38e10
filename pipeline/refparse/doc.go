// Package refparse turns reference strings and whole endnotes into CSL-JSON
// items (schema.CSLItem). It is the parser behind `dossier cite` and the
// citations stage: Parse handles one reference, ParseNote a whole note that
// may explain rather than cite, or cite several sources inside prose.
//
// The design is a learned token tagger (an averaged perceptron trained by
// our own code, shipped as an embedded model) with deterministic rules
// around it for what rules do better: URLs, DOIs, dates, "Accessed" clauses
// and name splitting.
package refparse
