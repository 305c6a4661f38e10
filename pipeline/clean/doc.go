// Package clean is the "clean" stage: it marks web boilerplate (logo and
// slogan lines, teaser headlines above the real title, navigation crumbs,
// share/subscribe lines, "Comments are closed.", link-only menus, tables of
// contents, site disclaimers) as Document.Boilerplate spans, so extractors
// skip it. The text itself is never changed, so no offset moves.
//
// What counts as boilerplate is data: rules.yaml beside this file.
package clean
