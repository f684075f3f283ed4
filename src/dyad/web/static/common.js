// Shared by every page: DOM building that never parses HTML, API calls, claim cards.
"use strict";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return node;  // text is always a text node: a document's '<script>' stays text
}

function param(name) { return new URLSearchParams(location.search).get(name); }

function status(text) { document.getElementById("status").textContent = text; }

async function api(path) {
  const r = await fetch(path);
  const data = await r.json();
  if (!r.ok) throw new Error(data.error || data.detail || r.statusText);
  return data;
}

async function post(path, body) {
  const headers = {"Content-Type": "application/json"};
  const token = document.getElementById("token");
  if (token) headers["X-Dyad-Token"] = token.value;
  const r = await fetch(path, {method: "POST", headers, body: JSON.stringify(body)});
  const data = await r.json();
  if (!r.ok) throw new Error(data.error || (typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail)));
  return data;
}

function actorLink(key, names) {
  return el("a", {href: "/actor?name=" + encodeURIComponent(key)}, names[key] || key);
}

function when(c) {
  const t = c.time;
  if (!t || (!t.start && !t.end)) return "undated";
  return t.start && t.end && t.start !== t.end ? `${t.start}–${t.end}` : (t.start || t.end);
}

// One claim with its evidence and review buttons; ``changed`` runs after a recorded review.
function claimCard(c, names, changed) {
  const reason = el("input", {"aria-label": "Reason", placeholder: "reason", class: "reason"});
  const field = el("select", {"aria-label": "Field to correct"},
    ...["certainty", "type", "time_start", "time_end", "source", "target"].map(f => el("option", {value: f}, f)));
  const value = el("input", {"aria-label": "Corrected value", placeholder: "corrected value", class: "value"});
  const act = (decision) => async () => {
    if (!reason.value.trim()) { reason.focus(); status("A review needs a reason."); return; }
    const edits = decision === "EDIT" ? {[field.value]: value.value} : {};
    try {
      const r = await post(`/api/claims/${encodeURIComponent(c.id)}/review`, {decision, edits, reason: reason.value});
      status(`Recorded judgement ${r.judgement}: ${decision.toLowerCase()} ${c.id}`);
      if (changed) changed();
    } catch (e) { status(e.message); }
  };
  return el("article", {class: "claim", id: "claim-" + c.id, tabindex: "-1"},
    el("p", {class: "claim-head"}, actorLink(c.source, names), ` ${c.type} `, actorLink(c.target, names),
       ` · ${when(c)} · ${c.certainty}`, c.review ? ` · ${c.review}` : "",
       c.confidence != null ? ` · confidence ${c.confidence.toFixed(2)}` : ""),
    el("blockquote", {}, c.evidence.text),
    el("p", {class: "claim-foot"},
       el("a", {href: `/document?id=${encodeURIComponent(c.evidence.doc)}&claim=${encodeURIComponent(c.id)}`}, "open evidence"),
       " ", reason, " ",
       el("button", {type: "button", on: {click: act("ACCEPT")}}, "Accept"), " ",
       el("button", {type: "button", class: "reject", on: {click: act("REJECT")}}, "Reject"), " ",
       field, value, el("button", {type: "button", class: "edit", on: {click: act("EDIT")}}, "Edit")));
}

function fill(id, items) { const node = document.getElementById(id); node.replaceChildren(...items); return node; }
