// Package ris is the ris exporter: NAME.ris, one RIS record per source the
// document cites (see csl.Items), the tagged format EndNote, Zotero and
// reference managers import. Lines are "TAG  - value" with CRLF endings as
// EndNote expects; every record opens with TY and closes with ER.
package ris
