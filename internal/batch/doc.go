// Package batch runs the pipeline over many documents and fans each one out
// to the configured exporters. A document that fails (unreadable, refused,
// a stage error, even a panic) is reported and recorded in errors.jsonl; the
// others go on. One exporter failing for a document does not stop the other
// exporters.
package batch
