// Package all registers every exporter dossier has, by format name. It is
// the one place a new format is added.
package all
