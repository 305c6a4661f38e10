// Package pipeline turns an input file into a schema.Document: ingest reads
// and decodes it, then the configured stages (clean, segment, metadata,
// dates, actors, citations, events, positions) enrich it in order.
//
// Each stage lives in its own package under pipeline/ and knows nothing of
// the others' code, only of the schema fields they fill. Stages are chosen
// by name from an explicit Registry (DefaultRegistry lists them all), so a
// profile can drop or reorder them.
package pipeline
