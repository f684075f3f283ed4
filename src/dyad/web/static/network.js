// The network view: Cytoscape.js draws /api/network; the slider replays it month by month.
"use strict";

const LEVEL = {NONE: 0, RHETORICAL: 1, TRANSACTIONAL: 1, TACTICAL: 2, COERCIVE: 2, STRATEGIC: 3, VIOLENT: 3, MERGER: 4};
const TYPE_COLOURS = ["#3b6ea5", "#a5573b", "#5f8f3e", "#7b4fa0", "#a08a2c", "#3e8f8a", "#8f3e63"];
const BIG = 150, MAX_ROWS = 300;  // past BIG nodes a force layout takes seconds; rows beyond MAX_ROWS help nobody
const MAX_NODES = 300;  // a picture of thousands of actors is unreadable and slow: the most active are drawn
let months = [], cy = null, names = {};
const positions = new Map();
const strength = e => LEVEL[e.cooperation] + LEVEL[e.hostility];

function monthList(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number); m = m || 1;
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= (lm || 12))) { out.push(`${y}-${String(m).padStart(2, "0")}`); m++; if (m > 12) { m = 1; y++; } }
  return out;
}

function edgeColour(e) {
  const c = LEVEL[e.cooperation], h = LEVEL[e.hostility];
  return c && h ? "#8a5fb0" : c ? "#2f8f4e" : "#c0392b";
}

function query() {
  const p = new URLSearchParams();
  const i = Number(document.getElementById("slider").value);
  if (months.length && i < months.length) p.set("at", months[i]);
  for (const f of ["type", "certainty", "source"])
    for (const o of document.getElementById("f-" + f).selectedOptions) p.append(f, o.value);
  return p;
}

async function draw() {
  const p = query();
  document.getElementById("at").textContent = p.get("at") || "latest";
  const net = await api("/api/network?" + p);
  net.nodes.forEach(n => { names[n.key] = n.name; });
  const drawn = new Set([...net.nodes].sort((x, y) => y.activity - x.activity).slice(0, MAX_NODES).map(n => n.key));
  const nodes = net.nodes.filter(n => drawn.has(n.key)), edges = net.edges.filter(e => drawn.has(e.a) && drawn.has(e.b));
  const types = [...new Set(nodes.map(n => n.type))];
  const elements = nodes.map(n => ({data: {id: n.key, label: n.name, size: 18 + 6 * Math.sqrt(n.activity),
      colour: TYPE_COLOURS[types.indexOf(n.type) % TYPE_COLOURS.length]}}))
    .concat(edges.map(e => ({data: {id: e.a + "|" + e.b, source: e.a, target: e.b, colour: edgeColour(e),
      width: 2 + 2 * Math.max(LEVEL[e.cooperation], LEVEL[e.hostility])}})));
  cy.elements().remove();
  cy.add(elements);
  const placed = cy.nodes().every(n => positions.has(n.id()));
  if (placed) cy.nodes().positions(n => positions.get(n.id()));  // replaying time keeps the picture still
  else cy.layout(nodes.length > BIG ? {name: "concentric", concentric: n => n.data("size"), animate: false}
                                         : {name: "cose", animate: false}).run();
  cy.nodes().forEach(n => positions.set(n.id(), {...n.position()}));
  const ranked = [...net.edges].sort((x, y) => strength(y) - strength(x)).slice(0, MAX_ROWS);
  document.getElementById("ties-note").textContent =
    ranked.length < net.edges.length ? `The ${MAX_ROWS} strongest of ${net.edges.length} ties:` : "";
  document.querySelector("#edges tbody").replaceChildren(...ranked.map(e => el("tr", {class: "tie"},
    el("td", {}, el("a", {href: `/dyad?a=${encodeURIComponent(e.a)}&b=${encodeURIComponent(e.b)}`}, `${names[e.a] || e.a}`)),
    el("td", {}, names[e.b] || e.b), el("td", {}, e.cooperation), el("td", {}, e.hostility))));
  const part = nodes.length < net.nodes.length ? ` (the ${nodes.length} most active drawn)` : "";
  status(`${net.nodes.length} actors${part}, ${net.edges.length} ties as of ${p.get("at") || "the latest evidence"}`);
}

async function start() {
  cy = cytoscape({container: document.getElementById("graph"), style: [
    {selector: "node", style: {"background-color": "data(colour)", label: "data(label)", width: "data(size)",
      height: "data(size)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 120}},
    {selector: "edge", style: {"line-color": "data(colour)", width: "data(width)", "curve-style": "bezier"}}]});
  cy.on("tap", "node", e => { location.href = "/actor?name=" + encodeURIComponent(e.target.id()); });
  cy.on("tap", "edge", e => { const d = e.target.data();
    location.href = `/dyad?a=${encodeURIComponent(d.source)}&b=${encodeURIComponent(d.target)}`; });
  api("/api/facets").then(facets => {  // not awaited: the picture need not wait for the filters
    for (const f of ["type", "certainty", "source"]) fill("f-" + f, facets[f].map(v => el("option", {value: v}, v)));
  });
  const span = await api("/api/timespan");
  months = span.first ? monthList(span.first, span.last) : [];
  const slider = document.getElementById("slider");
  slider.max = months.length; slider.value = months.length;  // the last stop is "latest"
  slider.addEventListener("input", draw);
  document.getElementById("filters").addEventListener("change", e => { if (e.target !== slider) draw(); });
  await draw();
}

start().catch(e => status(e.message));
