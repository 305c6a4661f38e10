// Package configs embeds dossier's default configuration, its profiles and
// its word lists (gazetteer, event triggers, topics), so the binary runs
// with no files beside it. Users override any of them with their own files.
package configs

import "embed"

// FS holds every YAML file of this folder.
//
//go:embed *.yaml
var FS embed.FS

// Default is the name of the defaults file in FS.
const Default = "default.yaml"
