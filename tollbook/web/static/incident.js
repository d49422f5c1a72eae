// One incident: its facts, the claims table ("who says how many"), and each source article
// with the evidence the report rests on highlighted.
import { getJSON } from "./api.js";
import { append, clear, el, safeHref } from "./dom.js";
import { highlighted } from "./highlight.js";
import { rangeText } from "./list.js";

export async function showIncident(node, incidentId) {
  clear(node).appendChild(el("p", { text: "Loading…" }));
  const incident = await getJSON("/incidents/" + encodeURIComponent(incidentId), {}, "incident");
  if (!incident) return;
  clear(node);
  append(node, [el("h2", { text: title(incident) }), facts(incident), claimsTable(incident), denials(incident)]);
  const section = el("section", { class: "articles" }, el("h3", { text: "Sources" }));
  node.appendChild(section);
  for (const [articleId, reports] of byArticle(incident.reports || [])) {
    const holder = el("div", { class: "article", dataset: { article: articleId } }, el("p", { text: "Loading article…" }));
    section.appendChild(holder);
    getJSON("/articles/" + encodeURIComponent(articleId), {}, "article:" + articleId)
      .then((article) => article && drawArticle(clear(holder), article, reports))
      .catch((error) => clear(holder).appendChild(el("p", { text: "Article unavailable: " + error.message })));
  }
}

function title(incident) {
  const what = incident.sub_event_type || incident.event_type || "Incident";
  const where = [incident.location, incident.country].filter(Boolean).join(", ");
  return where ? `${what} — ${where}` : what;
}

function facts(incident) {
  const rows = [
    ["Date", [incident.event_date || "unknown", incident.date_precision && `(${incident.date_precision})`]],
    ["Type", [incident.event_type, incident.sub_event_type && `/ ${incident.sub_event_type}`]],
    ["Actors", [incident.actor1 || "unknown", "→", incident.actor2 || "unknown"]],
    ["Place", [incident.location, incident.admin1, incident.country,
               incident.latitude != null && `(${incident.latitude}, ${incident.longitude})`]],
    ["Killed", [figure(incident.fatalities)]],
    ["Civilians killed", [figure(incident.civilian_fatalities)]],
    ["Children killed", [figure(incident.child_fatalities)]],
    ["Injured", [figure(incident.injured)]],
    ["Sources", [(incident.outlets || []).filter(Boolean).join(", ") || "—"]],
  ];
  const list = el("dl", { class: "facts" });
  for (const [name, parts] of rows) {
    append(list, [el("dt", { text: name }), el("dd", { text: parts.filter(Boolean).join(" ") || "—" })]);
  }
  return list;
}

function figure(range) {
  return range ? `${rangeText(range)} (best ${range.best})` : "—";
}

function claimsTable(incident) {
  const rows = [];
  for (const report of incident.reports || []) {
    for (const claim of report.claims || []) rows.push({ claim, outlet: report.outlet });
  }
  const table = el("table", { class: "claims" },
    el("caption", { text: "Who says how many" }),
    el("thead", {}, el("tr", {}, ...["Claimant", "Type", "Figure", "Range", "Words", "Outlet"].map((h) => el("th", { text: h })))));
  const body = el("tbody");
  for (const { claim, outlet } of rows) {
    const range = claim.min === claim.max ? String(claim.min) : `${claim.min}–${claim.max}`;
    const qualifier = claim.qualifier && claim.qualifier !== "exact" ? ` (${claim.qualifier})` : "";
    body.appendChild(el("tr", { class: claim.superseded ? "superseded" : null },
      el("td", { text: claim.claimant || "unattributed" }),
      el("td", { text: claim.claimant_type || "" }),
      el("td", { text: [claim.figure, claim.group && claim.group !== "unknown" ? `(${claim.group})` : ""].join(" ").trim() }),
      el("td", { class: "num", text: range + qualifier }),
      el("td", { text: claim.victims_text || "" }),
      el("td", { text: (outlet || "") + (claim.superseded ? " — superseded" : "") })));
  }
  if (!rows.length) body.appendChild(el("tr", {}, el("td", { colspan: 6, text: "No figures reported." })));
  table.appendChild(body);
  return el("div", { class: "table-wrap" }, table);
}

function denials(incident) {
  const items = (incident.reports || []).flatMap((r) => r.denials || []);
  if (!items.length) return null;
  return el("section", {}, el("h3", { text: "Denials and counter-claims" }),
            el("ul", {}, ...items.map((d) => el("li", { text: `${d.claimant || "unattributed"}: “${d.text}”` }))));
}

function byArticle(reports) {
  const groups = new Map();
  for (const report of reports) {
    if (!groups.has(report.article_id)) groups.set(report.article_id, []);
    groups.get(report.article_id).push(report);
  }
  return groups;
}

function drawArticle(holder, article, reports) {
  const href = safeHref(article.url);
  const heading = el("h4", {}, href ? el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank",
                                                 text: article.title || article.url })
                                    : (article.title || article.url || article.id));
  const meta = el("p", { class: "meta", text: [article.outlet, article.published].filter(Boolean).join(" · ") });
  const spans = [];
  for (const report of reports) {
    for (const e of report.evidence || []) spans.push({ start: e.start, end: e.end, kind: "evidence" });
    for (const c of report.claims || []) spans.push({ start: c.start, end: c.end, kind: "figure" });
    for (const d of report.denials || []) spans.push({ start: d.start, end: d.end, kind: "denial" });
  }
  append(holder, [heading, meta, el("div", { class: "text" }, ...highlighted(article.text || "", spans))]);
}
