// A document with the spans its claims were read from highlighted (text nodes only, never HTML).
"use strict";

async function load() {
  const d = await api("/api/documents/" + encodeURIComponent(param("id")));
  document.getElementById("title").textContent = d.title || d.name;
  document.getElementById("meta").textContent = [d.name, d.published, d.source, d.url].filter(Boolean).join(" · ");
  const spans = [...new Map(d.claims.map(c => [c.evidence.start, c])).values()].sort((x, y) => x.evidence.start - y.evidence.start);
  const parts = [];
  let at = 0;
  for (const c of spans) {
    if (c.evidence.start < at) continue;
    parts.push(d.text.slice(at, c.evidence.start));
    parts.push(el("mark", {id: "span-" + c.id, title: `${c.type} (${c.certainty})`, class: c.id === param("claim") ? "chosen" : null},
      d.text.slice(c.evidence.start, c.evidence.end)));
    at = c.evidence.end;
  }
  parts.push(d.text.slice(at));
  fill("text", parts);
  fill("claims", d.claims.map(c => claimCard(c, d.names, load)));
  const chosen = document.querySelector("mark.chosen");
  if (chosen) chosen.scrollIntoView({block: "center"});
  status(`${d.claims.length} claims read from this document`);
}

load().catch(e => status(e.message));
