// The sortable, paged list of incidents.
import { append, clear, el } from "./dom.js";

export const PAGE = 50;

export function drawList(table, page, { sort, onPick }) {
  const body = clear(table.querySelector("tbody"));
  for (const incident of page.items) {
    const href = "?incident=" + encodeURIComponent(incident.incident_id);
    const open = (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey) return;  // let the browser open a new tab
      event.preventDefault();
      onPick(incident.incident_id);
    };
    append(body, [el("tr", { dataset: { incident: incident.incident_id } },
      el("td", { class: "date" }, el("a", { href, onclick: open, text: incident.event_date || "date unknown" })),
      el("td", { text: incident.sub_event_type || incident.event_type || "" }),
      el("td", { text: [incident.location, incident.admin1].filter(Boolean).join(", ") }),
      el("td", { class: "hide-narrow", text: incident.country || "" }),
      el("td", { class: "num", text: rangeText(incident.fatalities) }),
      el("td", { class: "num", text: String((incident.report_ids || []).length) }))]);
  }
  for (const th of table.querySelectorAll("th[data-sort]")) {
    const key = th.dataset.sort;
    th.setAttribute("aria-sort", sort === key ? "ascending" : sort === "-" + key ? "descending" : "none");
  }
}

// A figure range as people write it: "7", "5–7".
export function rangeText(range) {
  if (!range) return "";
  return range.min === range.max ? String(range.min) : `${range.min}–${range.max}`;
}

export function nextSort(current, key) {
  return current === "-" + key ? key : "-" + key;
}
