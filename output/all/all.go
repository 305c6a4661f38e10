// Package all registers every exporter dossier has, by format name. It is
// the one place a new format is added.
package all

import (
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/output/jsonout"
)

// Registry returns a registry holding every exporter.
func Registry() *output.Registry {
	r := output.NewRegistry()
	r.Register(jsonout.Name, jsonout.New)
	return r
}
