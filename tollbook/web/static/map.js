// The map: Natural Earth country outlines drawn from the vendored TopoJSON (no tile server),
// and incidents as circles, grouped by the server into grid cells that fit the zoom level.
import { el } from "./dom.js";

const WORLD = [[-85, -180], [85, 180]];

export function createMap(node, { onPick, onMove }) {
  const map = L.map(node, { preferCanvas: true, minZoom: 1, maxZoom: 14, maxBounds: [[-90, -220], [90, 220]],
                            worldCopyJump: false, zoomControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth");
  map.fitBounds(WORLD);
  drawBasemap(map);
  const incidents = L.layerGroup().addTo(map);
  map.on("moveend", () => onMove(viewString(map)));
  return { map, incidents, onPick };
}

async function drawBasemap(map) {
  const response = await fetch("/static/vendor/countries-50m.json");
  const topology = await response.json();
  const countries = topojson.feature(topology, topology.objects.countries);
  for (const feature of countries.features) unwrapGeometry(feature.geometry);
  L.geoJSON(countries, { interactive: false,
                         style: { color: "#ffffff", weight: 0.7, fillColor: "#e8e3da", fillOpacity: 1 } })
    .addTo(map).bringToBack();
}

// Outlines that cross the antimeridian (Russia, Fiji) jump from +180 to -180 mid-ring, which
// Leaflet draws as a line across the world; continuing each ring past 180 keeps it whole.
function unwrapGeometry(geometry) {
  if (!geometry) return;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates]
    : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  for (const polygon of polygons) for (const ring of polygon) unwrapRing(ring);
}

function unwrapRing(ring) {
  for (let i = 1; i < ring.length; i++) {
    const step = ring[i][0] - ring[i - 1][0];
    if (step > 180) ring[i][0] -= 360;
    else if (step < -180) ring[i][0] += 360;
  }
}

export function setView(handle, view) {
  const parts = (view || "").split("/").map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return;
  const [zoom, lat, lon] = parts;
  if (viewString(handle.map) !== view) handle.map.setView([lat, lon], zoom, { animate: false });
}

export function viewString(map) {
  const center = map.getCenter();
  return `${map.getZoom()}/${center.lat.toFixed(3)}/${center.lng.toFixed(3)}`;
}

// The part of the world in view as the API's bbox: west,south,east,north, clamped to the globe.
export function bboxParam(map) {
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const west = clamp(b.getWest(), -180, 180), east = clamp(b.getEast(), -180, 180);
  const south = clamp(b.getSouth(), -90, 90), north = clamp(b.getNorth(), -90, 90);
  return [west, south, east, north].map((v) => v.toFixed(4)).join(",");
}

export function drawClusters(handle, collection) {
  handle.incidents.clearLayers();
  for (const feature of collection.features) {
    const [lon, lat] = feature.geometry.coordinates;
    const { count, fatalities, incident_id: incidentId } = feature.properties;
    const marker = L.circleMarker([lat, lon], {
      radius: count === 1 ? 6 : Math.min(28, 7 + 3 * Math.log2(count)),
      color: "#7a1a14", weight: 1, fillColor: "#b3261e", fillOpacity: fatalities > 0 ? 0.75 : 0.4,
    });
    marker.bindTooltip(tooltip(feature.properties));  // a DOM node: Leaflet would parse a string as HTML
    marker.on("click", () => {
      if (incidentId) handle.onPick(incidentId);
      else handle.map.setView([lat, lon], Math.min(handle.map.getZoom() + 2, 14));
    });
    marker.addTo(handle.incidents);
  }
}

function tooltip(props) {
  if (props.incident_id) {
    const title = [props.sub_event_type || props.event_type, props.location].filter(Boolean).join(" — ");
    return el("div", { class: "tip" }, el("strong", { text: title || "Incident" }),
              el("div", { text: [props.event_date, killedText(props.fatalities)].filter(Boolean).join(" · ") }));
  }
  return el("div", { class: "tip", text: `${props.count} incidents, ${props.fatalities} killed — click to zoom in` });
}

function killedText(n) {
  return n ? `${n} killed` : "";
}
