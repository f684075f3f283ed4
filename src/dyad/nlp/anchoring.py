"""When an interaction happened: the time expression that governs its trigger.

A claim takes, of its own sentence's time expressions, the one closest to its trigger
in the parse tree (the "in 2014" or "since June 2013" that modifies the trigger's verb,
not one of a neighbouring clause), ties broken by distance in characters. A time that
modifies a speech verb above the trigger ("X attacked Y, officials said on Thursday")
dates the report, so the claim gets only its end. A sentence without a time falls back
on the discourse:

- an ongoing claim (present perfect or progressive, or simple present: "have helped
  train", "is cooperating") runs until the publication date, from the paragraph's
  running time or else from the latest "since X" of the document;
- "since then" runs from the paragraph's running time to the publication date;
- an act said to be earlier ("previously", "once") ended before the paragraph's running
  time, or before the publication date;
- a past-tense claim inherits the paragraph's running time (the last time named
  earlier in the same paragraph);
- anything else is known only to have happened by the publication date.

Each result's ``cue`` says which of these applied.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from dyad.model import UNDATED_CUE, TimeSpan
from dyad.nlp.pipeline import lexicon
from dyad.nlp.timex import TimeMention, find_times

_FINITE = {"VBP": "present", "VBZ": "present", "VBD": "past", "MD": None}
_SINCE_THEN = re.compile(r"(?i)\b(?:ever\s+)?since\s+then\b")


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Verbs that report a claim; the certainty lexicon is their one list."""
    return frozenset(lexicon("certainty")["REPORTED"]["speech_verbs"])


@lru_cache(maxsize=1)
def _past_adverbs() -> frozenset[str]:
    return frozenset(lexicon("timex")["past_adverbs"])


@lru_cache(maxsize=1)
def _continuing_adverbs() -> frozenset[str]:
    return frozenset(lexicon("timex")["continuing_adverbs"])


# How far into a sentence a time may start and still be what the sentence opens on
# ("After the July 2013 coup, ...", "In 2014, ...").
_OPENING_CHARS = 12


def _month_before(when: str) -> str:
    """The month (or year, for a year) before an ISO prefix: the latest an earlier act can be."""
    year = int(when[:4])
    if len(when) == 4:
        return str(year - 1)
    month = int(when[5:7]) - 1
    return f"{year - 1}-12" if month == 0 else f"{year}-{month:02d}"


def _clause_verb(trigger: Token) -> Token:
    """The verb a trigger belongs to: the trigger itself, or the verb a nominal trigger
    ("provided training") depends on."""
    verb = trigger
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb


def tense(verb: Token) -> str | None:
    """'present' (also present perfect, progressive, passive), 'past' (also past perfect
    a perfect infinitive: "is said to have provided", and a participle), or None (modal,
    or no finite verb). A verb without a finite form of its own ("helped train", "train and equip")
    takes its governor's tense."""
    while True:
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if verb.tag_ == "VBN" and any(a.lemma_ == "have" and a.tag_ == "VB" for a in auxes):
            return "past"
        finite = next((t for t in [*auxes, verb] if t.tag_ in _FINITE), None)
        if finite is not None:
            return _FINITE[finite.tag_]
        if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return "past" if verb.tag_ == "VBN" else None  # a participle: "a meeting held in May"


def _depth(tok: Token) -> int:
    return sum(1 for _ in tok.ancestors)


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    above_a = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in above_a:
            return n + above_a[t.i]
    return _depth(a) + _depth(b) + 2


def _mention_head(mention: TimeMention, sent: Span) -> Token | None:
    """The token that heads a time expression: the one whose head lies outside it."""
    first, last = sent.start_char + mention.start, sent.start_char + mention.end
    inside = [t for t in sent if first <= t.idx < last]
    outside = [t for t in inside if not (first <= t.head.idx < last) or t.head.i == t.i]
    return (outside or inside or [None])[0]


def _closest(mentions: list[TimeMention], trigger: Token, sent: Span) -> tuple[TimeMention, Token | None]:
    """The time expression closest to the trigger in the tree, then in characters."""
    at = trigger.idx - sent.start_char

    def distance(m: TimeMention) -> tuple[int, int]:
        head = _mention_head(m, sent)
        tree = _tree_distance(trigger, head) if head is not None else len(sent)
        return tree, min(abs(m.start - at), abs(m.end - at))

    best = min(mentions, key=distance)
    return best, _mention_head(best, sent)


def _reported_at(head: Token | None, trigger: Token) -> bool:
    """True when the time modifies a speech verb that governs the trigger."""
    if head is None:
        return False
    verb = head.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return (verb.lemma_.lower() in speech_verbs() and verb.i != trigger.i
            and any(a.i == verb.i for a in trigger.ancestors))


class DiscourseClock:
    """Walks a document sentence by sentence, keeping the paragraph's running time and
    the document's latest "since X"."""

    def __init__(self, published: str | None):
        self.published = published
        self.running: TimeSpan | None = None
        self.carried: TimeSpan | None = None  # the previous paragraph's last time
        self.continued = False  # this paragraph goes on in the carried time
        self.framed: TimeSpan | None = None  # the time the next sentence opens on, for a paragraph's first
        self._ahead: tuple[int, list[TimeMention]] | None = None  # the next sentence's times, read early
        self.since: TimeSpan | None = None
        self.here: list[TimeMention] = []
        self.sentence: Span | None = None

    def enter(self, sent: Span) -> None:
        """Move to the next sentence; a new paragraph starts without a running time."""
        if self.sentence is not None and self.here:
            self.running = self.here[-1].span
            self.since = next((m.span for m in reversed(self.here) if m.span.cue == "since"), self.since)
        opens = self._opens_paragraph(sent)
        if opens:
            self.carried, self.running, self.continued = self.running, None, False
        # "X also received ...": the paragraph goes on in the time the one before ended on
        self.continued = self.continued or self.carried is not None and any(
            t.dep_ == "advmod" and t.lower_ in _continuing_adverbs() for t in sent)
        ahead, self._ahead = self._ahead, None
        self.sentence = sent
        self.here = ahead[1] if ahead is not None and ahead[0] == sent.start else find_times(sent.text, self.published)
        self.framed = self._framed_next(sent) if opens and not self.here else None

    @staticmethod
    def _opens_paragraph(sent: Span) -> bool:
        return sent.start == 0 or "\n" in sent.doc[sent.start - 1].text

    def _framed_next(self, sent: Span) -> TimeSpan | None:
        """For a paragraph's opening sentence with no time of its own: the time its next
        sentence opens on ("X moved closer to Y. After the July 2013 coup, ..."), which
        frames what the paragraph tells."""
        if sent.end >= len(sent.doc):
            return None
        nxt = sent.doc[sent.end].sent
        if self._opens_paragraph(nxt):
            return None
        times = find_times(nxt.text, self.published)
        self._ahead = (nxt.start, times)
        return times[0].span if times and times[0].start <= _OPENING_CHARS and times[0].span.start else None

    def time_for(self, trigger: Token) -> TimeSpan | None:
        sent = self.sentence
        verb = _clause_verb(trigger)
        earlier = any(c.dep_ == "advmod" and c.lower_ in _past_adverbs() for c in verb.children)
        if self.here:
            best, head = _closest(self.here, trigger, sent)
            if _reported_at(head, trigger):
                end = _month_before(best.span.start or best.span.end) if earlier else best.span.end
                return TimeSpan(None, end, best.span.text, f"reported:{best.span.cue}")
            return best.span
        when = tense(verb)
        if earlier and self.published:
            return TimeSpan(None, _month_before((self.running.start if self.running else None) or self.published),
                            "", "before-telling")
        if self.running is not None and _SINCE_THEN.search(sent.text):
            return TimeSpan(self.running.start, self.published, self.running.text, "since-then")
        if when == "present" and self.published:
            base = self.running or self.since
            if base is not None:
                return TimeSpan(base.start, self.published, base.text, "ongoing")
        if self.running is not None and when == "past":
            return TimeSpan(self.running.start, self.running.end, self.running.text, "discourse")
        if self.framed is not None and when == "past":
            return TimeSpan(self.framed.start, self.framed.end, self.framed.text, "discourse:framed")
        if self.continued and when == "past":
            return TimeSpan(self.carried.start, self.carried.end, self.carried.text, "discourse:continued")
        return TimeSpan(None, self.published, "", UNDATED_CUE) if self.published else None
