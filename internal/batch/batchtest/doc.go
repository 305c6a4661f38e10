// Package batchtest generates corpora of realistic policy briefs for the
// batch runner's tests and benchmarks: titles, authors, dated events,
// stances held by named actors, recommendations and a notes section with
// references. The text is invented here (no corpus sentences are copied)
// and is the same for the same seed, so runs can be compared byte for byte.
package batchtest
