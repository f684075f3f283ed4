// Upload: files go to /api/ingest; the bar follows the job until every file is stored.
"use strict";

const form = document.getElementById("upload"), input = document.getElementById("files"), bar = document.getElementById("progress");

async function follow(job) {
  bar.hidden = false; bar.max = job.total; bar.value = job.done;
  status(`ingested ${job.done} of ${job.total} files`);
  if (!job.finished) { setTimeout(async () => follow(await api("/api/ingest/" + job.id)), 300); return; }
  fill("failures", job.failed.map(f => el("li", {}, `${f.file}: ${f.reason}`)));
  status(`done: ingested ${job.done} of ${job.total} files, ${job.failed.length} failed`);
}

async function send(files) {
  const body = new FormData();
  for (const f of files) body.append("files", f);
  const headers = {};
  const token = document.getElementById("token");
  if (token) headers["X-Dyad-Token"] = token.value;
  const r = await fetch("/api/ingest", {method: "POST", body, headers});
  const data = await r.json();
  if (!r.ok) throw new Error(data.error || data.detail);
  await follow(data);
}

form.addEventListener("submit", e => { e.preventDefault(); send(input.files).catch(err => status(err.message)); });
form.addEventListener("dragover", e => { e.preventDefault(); form.classList.add("over"); });
form.addEventListener("dragleave", () => form.classList.remove("over"));
form.addEventListener("drop", e => { e.preventDefault(); form.classList.remove("over"); send(e.dataTransfer.files).catch(err => status(err.message)); });
