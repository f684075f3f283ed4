// The review queue: the least sure claims first, and the judgement log.
"use strict";

async function load() {
  const [queue, actors, log] = await Promise.all([api("/api/review-queue"), api("/api/actors"), api("/api/judgements")]);
  const names = Object.fromEntries(actors.map(a => [a.key, a.name]));
  fill("claims", queue.map(c => claimCard(c, names, load)));
  fill("judgements", log.filter(j => j.author !== "dyad:resolver").map(j =>
    el("li", {}, `${j.id} ${j.kind} ${j.subject}${j.object ? " → " + j.object : ""} “${j.reason}”${j.undone_at ? " (undone)" : ""}`)));
  status(`${queue.length} claims to review`);
}

load().catch(e => status(e.message));
