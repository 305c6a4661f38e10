// Package metadata is the "metadata" stage: it finds the document's own
// bibliographic description near its top: the real title (not a web teaser
// above it), authors ("By X for Y", "Authors: Family, Given; …"), publisher,
// the container a chapter belongs to ("a chapter of the book “…”") and the
// published date ("Updated September 30, 2026", "Publication Date:
// 04/10/2026", "published … in March 2015").
//
// Publisher signatures (report-number patterns and the like) are data, in
// patterns.yaml.
package metadata
