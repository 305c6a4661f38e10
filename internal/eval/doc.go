// Package eval scores dossier's output against hand-made gold annotations
// (../shared/eval/FORMAT.md) exactly as the reference scorer score.py does:
// same string normalisation, same evidence location (with its whitespace-
// squeezed fallback), same greedy matching order and the same rounding, so
// that `dossier eval` and score.py print the same numbers for the same
// output. It also runs the pipeline on documents that have a gold file
// beside them and aggregates per-document scores into an overall score.
package eval
