package config

// The exporter sections below are filled in by their exporters' issues; each
// keeps its checks next to its fields through sectionValidators.

// XLSX configures the workbook exporter.
type XLSX struct {
	// PerDocument also writes one workbook per document in a corpus run.
	PerDocument bool `koanf:"per_document"`
}

// PDF configures the briefing exporter.
type PDF struct {
	// PageSize is A4 or Letter.
	PageSize string `koanf:"page_size"`
	// Logo is an optional PNG or JPEG shown on page 1.
	Logo string `koanf:"logo"`
	// FontDir and Font name a TrueType font to use instead of the embedded
	// one (for scripts it lacks).
	FontDir string `koanf:"font_dir"`
	Font    string `koanf:"font"`
	// Digest also writes one corpus chronology for a multi-document run.
	Digest bool `koanf:"digest"`
}

// JSONLD configures the linked-data exporter.
type JSONLD struct {
	// Base is the IRI base for the run's nodes.
	Base string `koanf:"base"`
}

// HTML configures the review page exporter.
type HTML struct{}

func init() {
	sectionValidators = append(sectionValidators, func(c *Config) []string {
		switch c.Output.PDF.PageSize {
		case "A4", "Letter":
			return nil
		}
		return []string{"output.pdf.page_size: want A4 or Letter, got \"" + c.Output.PDF.PageSize + "\""}
	})
}
