// Package overrides is the "overrides" stage: it applies analysts' review
// decisions, read back from a workbook by `dossier review`, to later runs.
// Rejected events and positions are dropped; corrected ones take the
// analyst's values (date, type, actors, people, summary; holder, stance,
// topic, statement).
//
// An override names its document by content hash (SHA-256) and its item by
// id and by the fingerprint of the item's evidence span
// (schema.Evidence.Fingerprint). Ids may be renumbered when extraction
// changes; the fingerprint only changes when the evidence does, so an
// override follows its item, and one whose evidence is gone is reported as
// a warning instead of being applied to the wrong item.
//
// The stage runs last (config checks this), so nothing re-extracts what an
// analyst rejected.
package overrides
