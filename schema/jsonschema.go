package schema

import _ "embed"

//go:embed dossier.schema.json
var jsonSchema []byte

// JSONSchema returns the JSON Schema (draft 2020-12) of a serialised
// Document, as `dossier schema` prints it.
func JSONSchema() []byte { return jsonSchema }
