// Evidence search: sentences with every word of the query, each opening its document.
"use strict";

async function run(q) {
  const hits = await api("/api/search?q=" + encodeURIComponent(q));
  fill("hits", hits.map(h => el("li", {class: "hit"},
    el("a", {href: `/document?id=${encodeURIComponent(h.doc)}&claim=${encodeURIComponent(h.claims[0])}`}, h.title || h.doc_name),
    el("blockquote", {}, h.text))));
  status(`${hits.length} sentences with “${q}”`);
}

const box = document.getElementById("q");
box.value = param("q") || "";
if (box.value) run(box.value).catch(e => status(e.message));
document.getElementById("search-form").addEventListener("submit", e => {
  e.preventDefault();
  history.replaceState(null, "", "?q=" + encodeURIComponent(box.value));
  run(box.value).catch(err => status(err.message));
});
