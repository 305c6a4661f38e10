// Package actors is the "actors" stage: it finds the states, organisations
// and people a document names and records each once under its canonical
// name, with the aliases the document uses, the roles it gives people and
// every mention's span.
//
// States and organisations come from a gazetteer (configs/gazetteer.yaml,
// replaceable or extendable with extract.gazetteer): names, government
// metonyms ("the Kremlin", "the Japanese government"), demonyms and
// combining forms ("Japanese", "Russo-"), capitals used as governments
// ("Tokyo and Moscow agreed", but not "a summit in Beijing"). Matching is
// case-sensitive, on word boundaries, longest alias first, so "US" never
// matches "us" and "Soviet Union" wins over "Soviet".
//
// People come from the gazetteer too, and from title patterns for everyone
// else ("then-Prime Minister Morihiro Hosokawa", "US President Barack
// Obama", "Senator X", "mayor of Nemuro city Ando Sekiten"); once a person
// is named in full, their surname alone ("Hosokawa") is a mention as well.
// Boilerplate (doc.InBoilerplate) is skipped.
package actors
