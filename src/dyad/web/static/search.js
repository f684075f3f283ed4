// Evidence search: sentences with every word and "phrase" of the query (or nearest it in meaning),
// best first, each opening its document.
"use strict";

async function run(q, mode) {
  const hits = await api("/api/search?q=" + encodeURIComponent(q) + "&mode=" + encodeURIComponent(mode));
  fill("hits", hits.map(h => el("li", {class: "hit"},
    el("a", {href: `/document?id=${encodeURIComponent(h.doc)}&claim=${encodeURIComponent(h.claims[0])}`}, h.title || h.doc_name),
    el("blockquote", {}, h.text))));
  status(mode === "semantic" ? `${hits.length} sentences nearest “${q}”` : `${hits.length} sentences with “${q}”`);
}

const box = document.getElementById("q");
const mode = document.getElementById("mode");
box.value = param("q") || "";
mode.value = param("mode") === "semantic" ? "semantic" : "text";
if (box.value) run(box.value, mode.value).catch(e => status(e.message));
document.getElementById("search-form").addEventListener("submit", e => {
  e.preventDefault();
  history.replaceState(null, "", "?q=" + encodeURIComponent(box.value) + (mode.value === "text" ? "" : "&mode=semantic"));
  run(box.value, mode.value).catch(err => status(err.message));
});
