// The network view: Cytoscape.js draws /api/network; the slider replays it month by month.
"use strict";

const LEVEL = {NONE: 0, RHETORICAL: 1, TRANSACTIONAL: 1, TACTICAL: 2, COERCIVE: 2, STRATEGIC: 3, VIOLENT: 3, MERGER: 4};
const TYPE_COLOURS = ["#3b6ea5", "#a5573b", "#5f8f3e", "#7b4fa0", "#a08a2c", "#3e8f8a", "#8f3e63"];
let months = [], cy = null, names = {};

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
  const types = [...new Set(net.nodes.map(n => n.type))];
  const elements = net.nodes.map(n => ({data: {id: n.key, label: n.name, size: 18 + 6 * Math.sqrt(n.activity),
      colour: TYPE_COLOURS[types.indexOf(n.type) % TYPE_COLOURS.length]}}))
    .concat(net.edges.map(e => ({data: {id: e.a + "|" + e.b, source: e.a, target: e.b, colour: edgeColour(e),
      width: 2 + 2 * Math.max(LEVEL[e.cooperation], LEVEL[e.hostility])}})));
  cy.elements().remove();
  cy.add(elements);
  cy.layout({name: "cose", animate: false, randomize: false}).run();
  document.querySelector("#edges tbody").replaceChildren(...net.edges.map(e => el("tr", {class: "tie"},
    el("td", {}, el("a", {href: `/dyad?a=${encodeURIComponent(e.a)}&b=${encodeURIComponent(e.b)}`}, `${names[e.a] || e.a}`)),
    el("td", {}, names[e.b] || e.b), el("td", {}, e.cooperation), el("td", {}, e.hostility))));
  status(`${net.nodes.length} actors, ${net.edges.length} ties as of ${p.get("at") || "the latest evidence"}`);
}

async function start() {
  cy = cytoscape({container: document.getElementById("graph"), style: [
    {selector: "node", style: {"background-color": "data(colour)", label: "data(label)", width: "data(size)",
      height: "data(size)", "font-size": 11, "text-wrap": "wrap", "text-max-width": 120}},
    {selector: "edge", style: {"line-color": "data(colour)", width: "data(width)", "curve-style": "bezier"}}]});
  cy.on("tap", "node", e => { location.href = "/actor?name=" + encodeURIComponent(e.target.id()); });
  cy.on("tap", "edge", e => { const d = e.target.data();
    location.href = `/dyad?a=${encodeURIComponent(d.source)}&b=${encodeURIComponent(d.target)}`; });
  const [span, actors, facets] = await Promise.all([api("/api/timespan"), api("/api/actors"), api("/api/facets")]);
  actors.forEach(a => { names[a.key] = a.name; });
  for (const f of ["type", "certainty", "source"]) fill("f-" + f, facets[f].map(v => el("option", {value: v}, v)));
  months = span.first ? monthList(span.first, span.last) : [];
  const slider = document.getElementById("slider");
  slider.max = months.length; slider.value = months.length;  // the last stop is "latest"
  slider.addEventListener("input", draw);
  document.getElementById("filters").addEventListener("change", e => { if (e.target !== slider) draw(); });
  await draw();
}

start().catch(e => status(e.message));
