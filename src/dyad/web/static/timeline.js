// The dyad view: both axes over time as step bars, claims as points that open their card.
"use strict";

const COOP = ["NONE", "TRANSACTIONAL", "TACTICAL", "STRATEGIC", "MERGER"];
const HOST = ["NONE", "RHETORICAL", "COERCIVE", "VIOLENT"];
const SVG = "http://www.w3.org/2000/svg";
const W = 900, LEFT = 110, STEP = 18;

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function month(d) {  // "2018" -> months since year 0 (start of the prefix)
  const [y, m] = d.split("-").map(Number);
  return y * 12 + (m || 1) - 1;
}
function monthEnd(d) { const [y, m] = d.split("-").map(Number); return y * 12 + (m || 12) - 1; }

function drawTimeline(h) {
  const chart = document.getElementById("timeline");
  const dated = h.periods.filter(p => p.start);
  const claimTimes = h.claim_records.map(c => c.time && (c.time.start || c.time.end)).filter(Boolean);
  const bounds = dated.flatMap(p => [month(p.start), monthEnd(p.end || p.start)]).concat(claimTimes.map(month));
  const lo = Math.min(...bounds), hi = Math.max(...bounds) + 1;
  const x = m => LEFT + (W - LEFT - 20) * (m - lo) / Math.max(hi - lo, 1);
  const axis = 20 + STEP * (COOP.length - 1), height = axis + STEP * (HOST.length - 1) + 60;
  chart.setAttribute("viewBox", `0 0 ${W} ${height}`);
  const parts = [svg("line", {x1: LEFT, x2: W - 20, y1: axis, y2: axis, class: "axis"}),
    svg("text", {x: 4, y: 30, class: "lane"}, "cooperation"), svg("text", {x: 4, y: axis + 30, class: "lane"}, "hostility")];
  dated.forEach((p, i) => {
    const x0 = x(month(p.start)), x1 = x(monthEnd(p.end || p.start) + 1), c = COOP.indexOf(p.cooperation), t = HOST.indexOf(p.hostility);
    const title = `${p.start}–${p.end || p.start}: ${p.cooperation} / ${p.hostility}`;
    if (c > 0) parts.push(svg("rect", {x: x0, width: Math.max(x1 - x0, 2), y: axis - c * STEP, height: c * STEP, class: "coop period"}));
    if (t > 0) parts.push(svg("rect", {x: x0, width: Math.max(x1 - x0, 2), y: axis, height: t * STEP, class: "host period"}));
    parts.push(svg("title", {}, title));
  });
  for (const tr of h.transitions.filter(t => t.at))
    parts.push(svg("line", {x1: x(month(tr.at)), x2: x(month(tr.at)), y1: 10, y2: height - 40, class: "transition"}));
  for (const [y, label] of [[height - 20, String(Math.floor(lo / 12))], [height - 20, String(Math.floor((hi - 1) / 12))]])
    parts.push(svg("text", {x: label === String(Math.floor(lo / 12)) ? LEFT : W - 60, y, class: "year"}, label));
  h.claim_records.forEach(c => {
    const t = c.time && (c.time.start || c.time.end);
    if (!t) return;
    const point = svg("circle", {cx: x(month(t)) + 3, cy: height - 40, r: 6, class: "claim-point", tabindex: 0,
      role: "link", "aria-label": `${c.type} ${t}`, "data-claim": c.id});
    point.append(svg("title", {}, `${c.type} ${t}: ${c.evidence.text}`));
    const open = () => { const card = document.getElementById("claim-" + c.id); card.scrollIntoView(); card.focus(); };
    point.addEventListener("click", open);
    point.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } });
    parts.push(point);
  });
  chart.replaceChildren(...parts);
}

async function load() {
  const h = await api(`/api/history?a=${encodeURIComponent(param("a"))}&b=${encodeURIComponent(param("b"))}`);
  document.getElementById("title").textContent = `${h.a_name} and ${h.b_name}`;
  drawTimeline(h);
  document.querySelector("#periods tbody").replaceChildren(...h.periods.map(p => el("tr", {class: "period-row"},
    el("td", {}, p.start || "undated"), el("td", {}, p.end || ""), el("td", {}, p.cooperation),
    el("td", {}, p.hostility), el("td", {}, String(p.claims.length)))));
  fill("transitions", h.transitions.map(t => el("li", {}, `${t.at}: ${t.before.join(" / ")} → ${t.after.join(" / ")}`)));
  fill("claims", h.claim_records.map(c => claimCard(c, h.names, load)));
  status(`${h.periods.length} periods, ${h.claim_records.length} claims`);
}

load().catch(e => status(e.message));
