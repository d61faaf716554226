"""Time stage: find and normalise time expressions (TimeML TIMEX3), resolve relative dates against
the publication date, and date each event.

`find_timexes` is rules-based (a regex grammar per language over shared word-class lexicons,
HeidelTime-style): it is fast, explainable and needs no model. `date_events` votes over the
resolved dates of an event's articles to find when the event happened, anchors undated articles
on their siblings and flags page dates the text contradicts.
"""
from newsprism.time.timeline import date_events
from newsprism.time.timex import find_timexes, guess_language, implied_dates

__all__ = ["date_events", "find_timexes", "guess_language", "implied_dates"]
