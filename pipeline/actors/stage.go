package actors

import (
	"github.com/dossier-dev/dossier/internal/config"
)

// Factory builds the stage from the configuration: extract.gazetteer names
// a file replacing (or, with `extend: true`, extending) the built-in list.
func Factory(cfg *config.Config) (*Stage, error) {
	path := ""
	if cfg != nil {
		path = cfg.Extract.Gazetteer
	}
	g, err := LoadGazetteer(path)
	if err != nil {
		return nil, err
	}
	return New(g)
}
