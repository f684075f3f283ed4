// Places on a plain longitude/latitude grid: offline, no tiles.
"use strict";

const NS = "http://www.w3.org/2000/svg";
function dot(tag, attrs, text) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text !== undefined) n.textContent = text;
  return n;
}

async function load() {
  const places = await api("/api/places");
  const grid = [];
  for (let lon = -180; lon <= 180; lon += 30) grid.push(dot("line", {x1: lon, x2: lon, y1: -90, y2: 90, class: "grid"}));
  for (let lat = -90; lat <= 90; lat += 30) grid.push(dot("line", {x1: -180, x2: 180, y1: lat, y2: lat, class: "grid"}));
  const points = places.map(p => {
    const c = dot("circle", {cx: p.lon, cy: -p.lat, r: 1 + Math.sqrt(p.claims.length), class: "place"});
    c.append(dot("title", {}, `${p.name}${p.country ? ", " + p.country : ""}: ${p.claims.length} claims`));
    return c;
  });
  document.getElementById("map").replaceChildren(...grid, ...points);
  fill("places", places.map(p => el("li", {}, `${p.name}${p.country ? ", " + p.country : ""} (${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}): ${p.claims.length} claims`)));
  status(`${places.length} places`);
}

load().catch(e => status(e.message));
