// Package config loads dossier's configuration in layers: the embedded
// defaults (configs/default.yaml), then a YAML file, then DOSSIER_
// environment variables (DOSSIER_SECTION__KEY), then command-line flags.
//
// Decoding is strict, in the manner of Caddy: a key that is not part of
// Config, or a value of the wrong type, is an error that names the key and
// the layer (file, variable or flag) it came from. Every value remembers
// where it was set, so `dossier config` can show it.
package config
