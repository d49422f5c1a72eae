// A histogram of incidents by day; dragging across it (mouse, pen or finger) picks a date range.
import { clear, svg } from "./dom.js";

const HEIGHT = 110, AXIS = 16, MAX_BARS = 160;
const DAY = 86400000;

export function createTimeline(node, onBrush) {
  const handle = { node, days: [], start: 0, size: 1, width: 0, onBrush, range: null };
  let anchor = null;
  node.addEventListener("pointerdown", (event) => {
    if (!handle.days.length) return;
    node.setPointerCapture(event.pointerId);
    anchor = dayAt(handle, event);
    drawBrush(handle, anchor, anchor);
  });
  node.addEventListener("pointermove", (event) => {
    if (anchor !== null) drawBrush(handle, anchor, dayAt(handle, event));
  });
  node.addEventListener("pointerup", (event) => {
    if (anchor === null) return;
    const end = dayAt(handle, event);
    const [a, b] = anchor <= end ? [anchor, end] : [end, anchor];
    anchor = null;
    handle.onBrush(isoDay(a), isoDay(b + (handle.size - 1) * DAY));
  });
  return handle;
}

// byDay: [{key: "YYYY-MM-DD", incidents: n}] (the /stats by_day rows), range: [from, to] or null.
export function drawTimeline(handle, byDay, range) {
  const node = clear(handle.node);
  handle.width = node.clientWidth || 600;
  handle.range = range;
  const days = byDay.filter((d) => d.key).map((d) => ({ t: Date.parse(d.key + "T00:00:00Z"), n: d.incidents }))
    .filter((d) => Number.isFinite(d.t)).sort((a, b) => a.t - b.t);
  handle.days = days;
  if (!days.length) return;
  const first = days[0].t, last = days[days.length - 1].t;
  handle.size = Math.max(1, Math.ceil(((last - first) / DAY + 1) / MAX_BARS));
  handle.start = first;
  const buckets = new Map();
  for (const d of days) {
    const i = Math.floor((d.t - first) / DAY / handle.size);
    buckets.set(i, (buckets.get(i) || 0) + d.n);
  }
  const count = Math.floor((last - first) / DAY / handle.size) + 1;
  const peak = Math.max(...buckets.values());
  const barWidth = handle.width / count;
  node.setAttribute("viewBox", `0 0 ${handle.width} ${HEIGHT}`);
  for (const [i, n] of buckets) {
    const h = Math.max(1, (HEIGHT - AXIS - 4) * n / peak);
    const t = first + i * handle.size * DAY;
    const inRange = range && isoDay(t + (handle.size - 1) * DAY) >= range[0] && isoDay(t) <= range[1];
    const bar = svg("rect", { class: inRange ? "bar in" : "bar", x: i * barWidth, y: HEIGHT - AXIS - h,
                              width: Math.max(1, barWidth - 1), height: h });
    const title = svg("title");
    title.textContent = `${isoDay(t)}${handle.size > 1 ? " +" + handle.size + " days" : ""}: ${n} incidents`;
    bar.appendChild(title);
    node.appendChild(bar);
  }
  for (const [t, anchor] of [[first, "start"], [last, "end"]]) {
    const label = svg("text", { class: "axis", x: anchor === "start" ? 2 : handle.width - 2, y: HEIGHT - 4,
                                "text-anchor": anchor });
    label.textContent = isoDay(t);
    node.appendChild(label);
  }
  if (range) drawBrush(handle, Date.parse(range[0] + "T00:00:00Z"), Date.parse(range[1] + "T00:00:00Z"));
}

function drawBrush(handle, a, b) {
  let rect = handle.node.querySelector("rect.brush");
  if (!rect) {
    rect = svg("rect", { class: "brush", y: 0, height: HEIGHT - AXIS });
    handle.node.appendChild(rect);
  }
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const x0 = xOf(handle, lo), x1 = xOf(handle, hi + handle.size * DAY);
  rect.setAttribute("x", Math.max(0, x0));
  rect.setAttribute("width", Math.max(2, Math.min(handle.width, x1) - Math.max(0, x0)));
}

function xOf(handle, t) {
  const count = Math.floor((handle.days[handle.days.length - 1].t - handle.start) / DAY / handle.size) + 1;
  return (t - handle.start) / DAY / handle.size * (handle.width / count);
}

function dayAt(handle, event) {
  const box = handle.node.getBoundingClientRect();
  const x = Math.min(Math.max(0, event.clientX - box.left), box.width) * (handle.width / box.width);
  const count = Math.floor((handle.days[handle.days.length - 1].t - handle.start) / DAY / handle.size) + 1;
  const bucket = Math.min(count - 1, Math.floor(x / (handle.width / count)));
  return handle.start + bucket * handle.size * DAY;
}

export function isoDay(t) {
  return new Date(t).toISOString().slice(0, 10);
}
