// Package events is the "events" stage: one event per dated happening.
//
// A happening is a clause that carries a date the temporal tagger found
// (doc.Dates): "Japan's victory in 1905", "the Euro-Maidan movement
// (November 2013 to February 2014)" (a range: Date.EndValue). A clause
// without a date of its own is an event only when its context fixes the
// date and it narrates something: a past-tense trigger verb, a named
// actor, no modal or negation ("Lavrov stated that …" after "On November
// 14, 2004, while Putin … were visiting Japan"; "The Russian government
// welcomed this result" after "At the end of 2014 …"). Such dates are
// Inferred and raise a warning for the analyst.
//
// Context also fixes dates (context.go): a phrase naming an earlier
// happening ("since the conflict began", "following the annexation of
// Crimea") takes its date; the present progressive takes the publication
// month; a narrative date carries into the next sentences only when they
// link back ("during this time", "responded"). Such dates warn too.
//
// Not events: dates in boilerplate, publication lines ("published … in
// March 2015", "Updated …"), comparisons ("compared to 2012"), forecasts
// ("expected to … in 2014"), horizons ("2015 and beyond"), and inside
// notes the bibliographic dates of references ("Financial Times, March 2,
// 2012", "Accessed …") — while happenings told in explanatory notes count.
// A named thing dated again ("the 1993 Tokyo Declaration") is not a new
// event.
//
// Types come from trigger words in configs/triggers.yaml (PLOVER for
// interactions, else statement, election, economic, conflict, other):
// the clause's trigger verb nearest the date, else an interaction noun,
// else any noun. Actors and people are the doc.Actors mentioned in the
// evidence clause (with the states of the people named). Evidence is the
// clause, grounded in code points.
package events
