"""An analyst briefing on dyads, as one self-contained HTML page or as Markdown.

The page must open on an air-gapped machine: charts are inline SVG drawn here, with
no script, font, stylesheet or image fetched from anywhere. All text goes through
Jinja2 escaping (HTML autoescape; Markdown escapes markup and table pipes), since
evidence sentences are quoted from documents nobody vetted.
"""
from __future__ import annotations

import math
from datetime import date

from jinja2 import Environment, PackageLoader, select_autoescape

from dyad.analyse.claims import parse_structure_claim_id
from dyad.analyse.dyads import DyadHistory, Period, latest_state, period_months
from dyad.analyse.network import network_at
from dyad.model import Actor, Document, Interaction
from dyad.ontology import COOPERATION_LEVELS, HOSTILITY_LEVELS

FORMATS = ("html", "md")
STEP = 22  # px per level in the timeline
TIMELINE_WIDTH, TIMELINE_LEFT, TIMELINE_RIGHT = 900, 120, 20
NODE_SPACING, LABEL_ROOM = 16, 160  # px between nodes on the ring; px kept for labels outside it
CHAR_WIDTH = 6.5  # px per character of an 11px sans-serif label, generously
MAX_MOMENTS = 3  # networks drawn: the latest state and up to two earlier turning points


class ReportError(ValueError):
    """A report that cannot be made as asked; the message says what to change."""


def render_report(histories: list[DyadHistory], actors: list[Actor], documents: list[Document],
                  interactions: list[Interaction], fmt: str = "html", pair: tuple[str, str] | None = None,
                  generated: str | None = None) -> str:
    """The briefing for every dyad (busiest first) or for ``pair`` only."""
    if fmt not in FORMATS:
        raise ReportError(f"E401 unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    names = {a.key: a.name for a in actors}
    chosen = _chosen(histories, pair, names)
    docs = {d.id: d for d in documents}
    claims = {x.id: x for x in interactions}
    context = {
        "title": "Dyad briefing" + (f": {names.get(pair[0], pair[0])} and {names.get(pair[1], pair[1])}" if pair else ""),
        "generated": generated or date.today().isoformat(),
        "documents": len(documents),
        "dyads": [_dyad(h, names, docs, claims) for h in chosen],
        "networks": [_network(network_at(histories, actors, when)) for when in _moments(chosen)],
    }
    return _environment(fmt).get_template(f"report.{fmt}.j2").render(**context)


def _chosen(histories: list[DyadHistory], pair: tuple[str, str] | None, names: dict) -> list[DyadHistory]:
    if pair is None:
        return histories
    found = [h for h in histories if {h.a, h.b} == set(pair)]
    if not found:
        known = ", ".join(f"{h.a}/{h.b}" for h in histories[:10]) or "none"
        raise ReportError(f"E402 no dyad between {pair[0]} and {pair[1]}; pairs with claims: {known}")
    return found


def _environment(fmt: str) -> Environment:
    if fmt == "html":
        return Environment(loader=PackageLoader("dyad.export", "templates"), autoescape=select_autoescape(["j2"]),
                           trim_blocks=True, lstrip_blocks=True)
    return Environment(loader=PackageLoader("dyad.export", "templates"), autoescape=False, finalize=_markdown_escape,
                       trim_blocks=True, lstrip_blocks=True)


def _markdown_escape(value: object) -> str:
    """Text safe in a Markdown table cell: no raw HTML, no pipe, no line break."""
    text = "" if value is None else str(value)
    for raw, safe in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"), ("\n", " "), ("\r", " ")):
        text = text.replace(raw, safe)
    return text


# ---------------------------------------------------------------- one dyad

def _dyad(h: DyadHistory, names: dict, docs: dict, claims: dict) -> dict:
    peak = (max((p.cooperation for p in h.periods), key=COOPERATION_LEVELS.index, default="NONE"),
            max((p.hostility for p in h.periods), key=HOSTILITY_LEVELS.index, default="NONE"))
    return {
        "a": names.get(h.a, h.a), "b": names.get(h.b, h.b), "activity": h.activity,
        "latest": latest_state(h), "peak": peak,
        "periods": [{**vars(p), "label": _span_label(p)} for p in h.periods],
        "timeline": _timeline(h.periods),
        "transitions": _transitions_in_words(h, names, claims),
        "contradictions": h.contradictions,
        "rolled_up_from": [f"{names.get(s, s)} → {names.get(t, t)}" for s, t in h.rolled_up_from],
        "structure": [f"{names.get(s, s)} {code} {names.get(t, t)}"
                      for code, s, t in filter(None, map(parse_structure_claim_id, h.claims))],
        "evidence": _evidence(h, names, docs, claims),
    }


def _span_label(p: Period) -> str:
    if p.start is None:
        return "undated"
    return p.start if p.start == p.end else f"{p.start}–{p.end}"


def _transitions_in_words(h: DyadHistory, names: dict, claims: dict) -> list[str]:
    by_start = {p.start: i for i, p in enumerate(h.periods)}
    out = []
    for t in h.transitions:
        i = by_start[t.at]
        before, after = h.periods[i - 1], h.periods[i]
        drivers = [_claim_words(claims[c], names) for c in t.drivers if c in claims]
        started = any(c in after.claims for c in t.drivers)
        driven = f", {'driven by' if started else 'as these ended:'} {'; '.join(drivers)}" if drivers else ""
        out.append(f"{_span_label(before)}: {before.cooperation} / {before.hostility} → "
                   f"{_span_label(after)}: {after.cooperation} / {after.hostility}{driven}")
    return out


def _claim_words(x: Interaction, names: dict) -> str:
    return f"{x.type} ({names.get(x.source, x.source)} → {names.get(x.target, x.target)}, {x.certainty.lower()})"


def _evidence(h: DyadHistory, names: dict, docs: dict, claims: dict) -> list[dict]:
    rows = []
    for cid in h.claims:
        x = claims.get(cid)
        if x is None:
            continue
        doc = docs.get(x.evidence.doc)
        rows.append({
            "type": x.type, "source": names.get(x.source, x.source), "target": names.get(x.target, x.target),
            "date": _when(x, doc), "certainty": x.certainty, "attributed_to": x.attributed_to or "",
            "document": doc.name if doc else x.evidence.doc, "published": (doc.published if doc else None) or "",
            "url": (doc.url if doc else None) or "", "sentence": x.evidence.text,
            "rolled_up": {x.source, x.target} != {h.a, h.b},
            "sort": (x.time and (x.time.start or x.time.end)) or (doc and doc.published) or "",
        })
    return sorted(rows, key=lambda r: (r["sort"], r["type"]))


def _when(x: Interaction, doc: Document | None) -> str:
    start, end = (x.time.start, x.time.end) if x.time else (None, None)
    if not start and not end:
        return f"undated (published {doc.published})" if doc and doc.published else "undated"
    if start and end and start != end:
        return f"{start}–{end}"
    return start or end


# ---------------------------------------------------------------- timeline chart

def _timeline(periods: list[Period]) -> dict:
    """Geometry of a step chart: cooperation bars above the axis, hostility below."""
    coop_h, host_h = STEP * (len(COOPERATION_LEVELS) - 1), STEP * (len(HOSTILITY_LEVELS) - 1)
    top, axis_y = 12, 12 + coop_h
    height = axis_y + host_h + 70
    plot = TIMELINE_WIDTH - TIMELINE_LEFT - TIMELINE_RIGHT
    spans = [period_months(p) for p in periods]
    dated = [s for s in spans if s]
    lo, hi = (min(s[0] for s in dated), max(s[1] for s in dated) + 1) if dated else (0, 1)
    x_of = lambda m: TIMELINE_LEFT + (m - lo) / (hi - lo) * plot  # noqa: E731
    bars, ticks = [], {}
    for p, span in zip(periods, spans):
        x0, x1 = (x_of(span[0]), x_of(span[1] + 1)) if span else (TIMELINE_LEFT, TIMELINE_LEFT + plot)
        c, k = COOPERATION_LEVELS.index(p.cooperation), HOSTILITY_LEVELS.index(p.hostility)
        bars.append({"x": round(x0, 1), "w": round(max(x1 - x0, 2), 1), "tentative": p.tentative,
                     "coop_y": axis_y - c * STEP, "coop_h": c * STEP, "host_h": k * STEP,
                     "title": f"{_span_label(p)}: {p.cooperation} / {p.hostility}"
                              + (" (tentative)" if p.tentative else "")})
        ticks[round(x0, 1)] = p.start or "undated"  # a boundary shows the start of what follows
        if span:
            ticks[round(x1, 1)] = p.end
    levels = [{"y": axis_y - i * STEP, "label": code} for i, code in enumerate(COOPERATION_LEVELS) if i] + \
             [{"y": axis_y + i * STEP, "label": code} for i, code in enumerate(HOSTILITY_LEVELS) if i]
    return {"width": TIMELINE_WIDTH, "height": height, "left": TIMELINE_LEFT, "right": TIMELINE_LEFT + plot,
            "top": top, "axis_y": axis_y, "bottom": axis_y + host_h, "bars": bars, "levels": levels,
            "ticks": _spaced(sorted(ticks.items()))}


def _spaced(ticks: list[tuple[float, str]], gap: float = 16) -> list[dict]:
    """Tick marks with labels, a label dropped where it would print over its neighbour."""
    out, last_x, last_label = [], -gap, None
    for x, label in ticks:
        show = x - last_x >= gap and label != last_label
        out.append({"x": x, "label": label if show else ""})
        if show:
            last_x, last_label = x, label
    return out


# ---------------------------------------------------------------- network chart

def _moments(chosen: list[DyadHistory]) -> list[str | None]:
    """When to draw the network: at earlier turning points of the chosen dyads, then now."""
    turns = sorted({t.at for h in chosen for t in h.transitions if t.at})
    earlier = [turns[0], turns[len(turns) // 2]] if turns else []
    return [*dict.fromkeys(earlier[:MAX_MOMENTS - 1]), None]


def _network(net: dict) -> dict:
    """A circular layout: nodes on a ring, labels outside it."""
    n = len(net["nodes"])
    radius = max(110.0, n * NODE_SPACING / (2 * math.pi))
    longest = max((len(node["name"]) for node in net["nodes"]), default=0)
    size = round(2 * (radius + max(LABEL_ROOM, CHAR_WIDTH * longest + 20)))  # room for the longest label
    centre = size / 2
    place = {}
    for i, node in enumerate(net["nodes"]):
        angle = 2 * math.pi * i / max(n, 1) - math.pi / 2
        cos, sin = math.cos(angle), math.sin(angle)
        place[node["key"]] = {"x": round(centre + radius * cos, 1), "y": round(centre + radius * sin, 1),
                              "lx": round(centre + (radius + 14) * cos, 1), "ly": round(centre + (radius + 14) * sin + 4, 1),
                              "anchor": "start" if cos > 0.2 else "end" if cos < -0.2 else "middle",
                              "name": node["name"], "broker": node["key"] in net["brokers"][:3]}
    lines = []
    for e in net["edges"]:
        a, b = place[e["a"]], place[e["b"]]
        kinds = [k for k, level in (("coop", e["cooperation"]), ("host", e["hostility"])) if level != "NONE"]
        for offset, kind in zip((-2, 2) if len(kinds) == 2 else (0,), kinds):
            dx, dy = b["x"] - a["x"], b["y"] - a["y"]
            norm = math.hypot(dx, dy) or 1
            ox, oy = -dy / norm * offset, dx / norm * offset
            lines.append({"x1": round(a["x"] + ox, 1), "y1": round(a["y"] + oy, 1), "x2": round(b["x"] + ox, 1),
                          "y2": round(b["y"] + oy, 1), "kind": kind,
                          "title": f"{a['name']} – {b['name']}: {e['cooperation']} / {e['hostility']}"})
    return {"at": net["at"] or "latest evidence", "size": size, "nodes": list(place.values()), "lines": lines,
            "brokers": [place[k]["name"] for k in net["brokers"]],
            "clusters": [[place[k]["name"] for k in c] for c in net["clusters"]],
            "edges": [{**e, "a": place[e["a"]]["name"], "b": place[e["b"]]["name"]} for e in net["edges"]]}

