// Package testutil holds what dossier's tests share: finding ../shared (the
// dev corpus and the referees, read in place, never copied), loading the
// default configuration and running the whole pipeline on a file.
package testutil
