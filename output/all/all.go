package all

import (
	"github.com/dossier-dev/dossier/output"
	"github.com/dossier-dev/dossier/output/bibtex"
	"github.com/dossier-dev/dossier/output/csl"
	"github.com/dossier-dev/dossier/output/html"
	"github.com/dossier-dev/dossier/output/jsonld"
	"github.com/dossier-dev/dossier/output/jsonout"
	"github.com/dossier-dev/dossier/output/pdf"
	"github.com/dossier-dev/dossier/output/ris"
	"github.com/dossier-dev/dossier/output/xlsx"
)

// Registry returns a registry holding every exporter.
func Registry() *output.Registry {
	r := output.NewRegistry()
	r.Register(jsonout.Name, jsonout.New)
	r.Register(jsonld.Name, jsonld.New)
	r.Register(html.Name, html.New)
	r.Register(csl.Name, csl.New)
	r.Register(bibtex.Name, bibtex.New)
	r.Register(ris.Name, ris.New)
	r.Register(xlsx.Name, xlsx.New)
	r.Register(pdf.Name, pdf.New)
	return r
}
