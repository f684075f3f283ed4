// The actor page: names and where each was seen, structure, members and leaders, claims, documents.
"use strict";

const MEMBERSHIP = new Set(["LEADER_OF", "MEMBER_OF"]);

async function load() {
  const a = await api("/api/actors/" + encodeURIComponent(param("name")));
  const names = a.names;
  document.getElementById("title").textContent = a.name;
  document.getElementById("actor-type").textContent = `${a.type}${a.kb_id ? " · knowledge base " + a.kb_id : ""} · key ${a.key}`;
  fill("aliases", a.aliases.map(s => el("li", {}, s.alias, s.docs.length ? ` — seen in ${s.docs.join(", ")}` : " — knowledge base or analyst")));
  const edge = s => el("li", {}, actorLink(s.source, names), ` ${s.type}${s.former ? " (former)" : ""} `, actorLink(s.target, names),
    s.start || s.end ? ` ${s.start || ""}–${s.end || ""}` : "");
  fill("structure", a.structure.filter(s => !MEMBERSHIP.has(s.type)).map(edge));
  fill("members", a.structure.filter(s => MEMBERSHIP.has(s.type)).map(edge));
  fill("documents", Object.entries(a.mentions_per_doc).map(([doc, n]) =>
    el("li", {}, el("a", {href: "/document?id=" + encodeURIComponent(doc)}, doc), ` — ${n} mentions`)));
  fill("claims", a.claims.map(c => claimCard(c, names, load)));
  const shown = a.claims.length < a.claim_count ? ` (the ${a.claims.length} newest shown)` : "";
  status(`${a.claim_count} claims${shown} in ${Object.keys(a.mentions_per_doc).length} documents`);
  return a;
}

function judge(formId, path, body) {
  document.getElementById(formId).addEventListener("submit", async e => {
    e.preventDefault();
    const f = new FormData(e.target);
    try {
      const r = await post(path, body(f));
      status(`Recorded judgement ${r.judgement}`);
      e.target.reset();
      await load();
    } catch (err) { status(err.message); }
  });
}

load().then(a => {
  judge("alias-form", "/api/aliases", f => ({actor: a.key, alias: f.get("alias"), reason: f.get("reason")}));
  judge("merge-form", "/api/merge", f => ({keep: a.key, drop: f.get("drop"), reason: f.get("reason")}));
  judge("split-form", "/api/split", f => ({actor: f.get("member"), reason: f.get("reason")}));
}).catch(e => status(e.message));
