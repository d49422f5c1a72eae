// Wiring: the URL's state drives the map, the timeline, the list and the incident page.
import { getJSON } from "./api.js";
import { append, el, showError } from "./dom.js";
import { showIncident } from "./incident.js";
import { PAGE, drawList, nextSort } from "./list.js";
import { bboxParam, createMap, drawClusters, setView } from "./map.js";
import { filterParams, getState, onStateChange, setState } from "./state.js";
import { createTimeline, drawTimeline } from "./timeline.js";

const loaded = {};  // what each panel last drew, so a change reloads only the panels it affects
let mapHandle, timeline;

function pick(incidentId) {
  setState({ incident: incidentId }, { push: true });
}

function init() {
  const form = document.getElementById("filters");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    setState({ type: data.get("type"), actor: data.get("actor").trim(), country: data.get("country").trim(),
               q: data.get("q").trim(), offset: null }, { push: true });
  });
  document.getElementById("f-type").addEventListener("change", () => form.requestSubmit());
  document.getElementById("clear").addEventListener("click", () => {
    setState({ type: null, actor: null, country: null, q: null, from: null, to: null, offset: null }, { push: true });
  });
  document.getElementById("clear-dates").addEventListener("click", () => setState({ from: null, to: null, offset: null }));
  for (const link of [document.getElementById("back"), document.getElementById("home")]) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      setState({ incident: null }, { push: true });
    });
  }
  for (const th of document.querySelectorAll("th[data-sort]")) {
    th.addEventListener("click", () => setState({ sort: nextSort(getState().sort || "-date", th.dataset.sort), offset: null }));
  }
  document.getElementById("prev").addEventListener("click", () => page(-1));
  document.getElementById("next").addEventListener("click", () => page(1));

  mapHandle = createMap(document.getElementById("map"), { onPick: pick, onMove: (view) => setState({ map: view }) });
  timeline = createTimeline(document.getElementById("timeline"), (from, to) => setState({ from, to, offset: null }));
  loadOptions();
  onStateChange(render);
  render(getState());
}

function page(step) {
  const offset = Math.max(0, Number(getState().offset || 0) + step * PAGE);
  setState({ offset: offset || null });
}

async function loadOptions() {
  try {
    const [stats, actors] = await Promise.all([getJSON("/stats", {}, "options"), getJSON("/actors", {}, "actors")]);
    const select = document.getElementById("f-type");
    for (const row of (stats && stats.by_event_type) || []) {
      if (row.key) select.appendChild(el("option", { value: row.key, text: `${row.key} (${row.incidents})` }));
    }
    select.value = getState().type || "";
    append(document.getElementById("country-list"),
           ((stats && stats.by_country) || []).filter((r) => r.key).map((r) => el("option", { value: r.key })));
    append(document.getElementById("actor-list"), (actors || []).map((a) => el("option", { value: a.actor })));
  } catch (error) {
    showError("Could not load the filter choices: " + error.message);
  }
}

function render(state) {
  showError("");
  syncForm(state);
  const onIncident = Boolean(state.incident);
  document.getElementById("browse").hidden = onIncident;
  document.getElementById("incident-view").hidden = !onIncident;
  if (onIncident) {
    if (loaded.incident !== state.incident) {
      loaded.incident = state.incident;
      showIncident(document.getElementById("incident"), state.incident).catch(fail);
    }
    return;
  }
  loaded.incident = null;
  mapHandle.map.invalidateSize();
  if (state.map) setView(mapHandle, state.map);
  refresh("timeline", JSON.stringify(filterParams(state, { dates: false })) + (state.from || "") + (state.to || ""), loadTimeline, state);
  refresh("list", JSON.stringify([filterParams(state), state.sort, state.offset]), loadList, state);
  refresh("map", JSON.stringify([filterParams(state), bboxParam(mapHandle.map), mapHandle.map.getZoom()]), loadClusters, state);
}

function refresh(panel, key, load, state) {
  if (loaded[panel] === key) return;
  loaded[panel] = key;
  load(state).catch(fail);
}

function fail(error) {
  showError(error.message);
}

async function loadTimeline(state) {
  const stats = await getJSON("/stats", filterParams(state, { dates: false }), "timeline");
  if (!stats) return;
  const range = state.from || state.to ? [state.from || "0000-01-01", state.to || "9999-12-31"] : null;
  drawTimeline(timeline, stats.by_day || [], range);
  document.getElementById("timeline-label").textContent = range
    ? `${state.from || "…"} to ${state.to || "…"}` : "All dates — drag across the bars to choose";
  document.getElementById("clear-dates").hidden = !range;
}

async function loadList(state) {
  const offset = Number(state.offset || 0);
  const result = await getJSON("/incidents", { ...filterParams(state), sort: state.sort || "-date", limit: PAGE, offset }, "list");
  if (!result) return;
  drawList(document.getElementById("incidents"), result, { sort: state.sort || "-date", onPick: pick });
  const last = Math.min(result.total, offset + result.items.length);
  const counted = `${result.total_exact === false ? "over " : ""}${result.total.toLocaleString("en")}`;
  document.getElementById("summary").textContent =
    result.total ? `${counted} incidents; ${offset + 1}–${last} shown` : "No incidents match.";
  document.getElementById("prev").disabled = offset === 0;
  document.getElementById("next").disabled = last >= result.total;
  document.getElementById("page").textContent = result.total ? `page ${Math.floor(offset / PAGE) + 1}` : "";
}

async function loadClusters(state) {
  const map = mapHandle.map;
  const collection = await getJSON("/incidents/clusters",
                                    { ...filterParams(state), bbox: bboxParam(map), zoom: map.getZoom() }, "clusters");
  if (collection) drawClusters(mapHandle, collection);
}

function syncForm(state) {
  for (const key of ["type", "actor", "country", "q"]) {
    const input = document.getElementById("f-" + key);
    if (document.activeElement !== input) input.value = state[key] || "";
  }
}

init();
