package jsonld

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/dossier-dev/dossier/schema"
)

// contextJSON is the @context written inline into every file: every term
// dossier uses, mapped to schema.org, Web Annotation, PROV-O or the dossier
// vocabulary. There is deliberately no @vocab, so a key missing here is
// dropped by expansion and the tests catch it.
//
//go:embed context.jsonld
var contextJSON []byte

// VocabJSON is the dossier vocabulary (RDFS): the terms the context maps to
// the dossier: and plover: namespaces, with their meaning. docs/vocabulary.md
// explains them for people.
//
//go:embed vocab.jsonld
var VocabJSON []byte

// Namespaces of the dossier vocabulary.
const (
	DossierNS = "https://github.com/dossier-dev/dossier/blob/main/docs/vocabulary.md#"
	PloverNS  = DossierNS + "plover/"
)

// indentedContext is contextJSON as written in the repository: one term a
// line, readable in the output.
var indentedContext []byte

// Terms of the vocabulary by class and code ("support" → "dossier:SupportStance").
var (
	stanceTerms    map[string]string
	precisionTerms map[string]string
	eventTypeTerms map[string]string
)

func init() {
	if !json.Valid(contextJSON) {
		panic("jsonld: embedded context.jsonld is not valid JSON")
	}
	indentedContext = bytes.TrimSpace(contextJSON)
	var v struct {
		Graph []struct {
			ID   string `json:"@id"`
			Type string `json:"@type"`
			Code string `json:"dossier:code"`
		} `json:"@graph"`
	}
	if err := json.Unmarshal(VocabJSON, &v); err != nil {
		panic(fmt.Sprintf("jsonld: embedded vocab.jsonld: %v", err))
	}
	stanceTerms, precisionTerms, eventTypeTerms = map[string]string{}, map[string]string{}, map[string]string{}
	for _, t := range v.Graph {
		switch t.Type {
		case "dossier:Stance":
			stanceTerms[t.Code] = t.ID
		case "dossier:Precision":
			precisionTerms[t.Code] = t.ID
		case "dossier:EventType":
			eventTypeTerms[t.Code] = t.ID
		}
	}
}

// stanceIRI is the vocabulary term of a stance; stances the vocabulary does
// not define are dossier:OtherStance.
func stanceIRI(s string) string {
	if t, ok := stanceTerms[s]; ok {
		return t
	}
	return stanceTerms[schema.StanceOther]
}

// precisionIRI is the vocabulary term of a date precision, or "".
func precisionIRI(p schema.Precision) string { return precisionTerms[string(p)] }

// eventTypeIRI is the PLOVER (or dossier) category of an event type; an
// unknown type is plover:other.
func eventTypeIRI(t string) string {
	if iri, ok := eventTypeTerms[t]; ok {
		return iri
	}
	return eventTypeTerms["other"]
}
