package config

import (
	"path/filepath"
	"strings"
)

// Review configures how analysts' review decisions feed back into runs.
type Review struct {
	// Overrides is a file written by `dossier review` (YAML, or JSON by its
	// .json extension). When set, the "overrides" stage applies it: rejected
	// events and positions are dropped and corrected values replace the
	// extracted ones. Empty means no overrides.
	Overrides string `koanf:"overrides"`
}

// overridesStage is the pipeline stage that applies Review.Overrides.
const overridesStage = "overrides"

func init() {
	sectionValidators = append(sectionValidators, func(c *Config) []string {
		var errs []string
		p := c.Review.Overrides
		if p == "" {
			return nil
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".yaml", ".yml", ".json":
		default:
			errs = append(errs, "review.overrides: want a .yaml, .yml or .json file, got \""+p+"\"")
		}
		st := c.Pipeline.Stages
		if len(st) == 0 || st[len(st)-1] != overridesStage {
			errs = append(errs, "review.overrides: set, but the \"overrides\" stage is not last in pipeline.stages, so the reviews would not be applied")
		}
		return errs
	})
}
