"""When an interaction happened: the time expression that governs its trigger.

A claim takes the time expression of its own sentence nearest its trigger; a
past-tense claim without one inherits the paragraph's running time (the last time
named earlier in the same paragraph); anything else is known only to have happened
by the publication date. Each result's ``cue`` says which of these applied.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.model import TimeSpan
from dyad.nlp.timex import TimeMention, find_times

_PAST_TAGS = {"VBD", "VBN"}


class DiscourseClock:
    """Walks a document sentence by sentence, keeping the paragraph's running time."""

    def __init__(self, published: str | None):
        self.published = published
        self.running: TimeSpan | None = None
        self.here: list[TimeMention] = []
        self.sentence: Span | None = None

    def enter(self, sent: Span) -> None:
        """Move to the next sentence; a new paragraph starts without a running time."""
        if self.sentence is not None and self.here:
            self.running = self.here[-1].span
        doc = sent.doc
        if sent.start == 0 or "\n" in doc[sent.start - 1].text:
            self.running = None
        self.sentence = sent
        self.here = find_times(sent.text, self.published)

    def time_for(self, trigger: Token) -> TimeSpan | None:
        sent = self.sentence
        if self.here:
            at = trigger.idx - sent.start_char
            best = min(self.here, key=lambda t: min(abs(t.start - at), abs(t.end - at)))
            return best.span
        head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        if self.running is not None and head.tag_ in _PAST_TAGS:
            return TimeSpan(self.running.start, self.running.end, self.running.text, "discourse")
        return TimeSpan(None, self.published, "", "default:published") if self.published else None
