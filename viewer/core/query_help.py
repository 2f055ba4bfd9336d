"""The search syntax in brief, with examples: what the search field's "?" shows, and the
command line's ``search --help`` (plain text, no Qt)."""

from typing import Final

SYNTAX_HELP: Final = """\
Search syntax

  tidal barrier          both words, anywhere in the article
  "tidal barrier"        the phrase, as written
  elect*                 words that start so: election, electors
  storm OR flood         either word; AND is the same as a space
  (storm OR flood) port  brackets group
  port -storm            leaves out articles with storm (NOT storm too)
  port -(storm OR flood) leaves out either
  NEAR(tidal gates, 5)   the words within 5 words of each other (10 if no number)
  "tidal gates"~5        the same

Fields
  title:barrier          in the title; title:"tidal barrier" for a phrase
  section:world          in the section
  author:"Jo Writer"     in a header field: author:, source:, or any field by its name
  tags:restoration         (the words in that order, within the field)

Labels (yours, given with the keys 1 to 9 and 0)
  label:relevant         labelled so; label:"not relevant" for a name of words
  -label:unsure          not labelled so
  nolabel:               without any label

Dates (of publication)
  after:2024-05-01       on or after that day; after:2024-05 and after:2024 too
  before:2024            before 2024 began
  year:2020              in 2020
  after:-30d             in the last 30 days (w weeks, m months, y years);
                         after:today, after:yesterday

Case and accents never count: cafe finds Café, елка finds Ёлка.
OR, AND, NOT and NEAR are operators in capitals only; in lower case they are words.
To look for a word with a colon, quote it: "Note: this".
"""
