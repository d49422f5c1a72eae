// An article's text with spans marked. Offsets come from Python and count code points,
// while JavaScript strings count UTF-16 units: slicing Array.from(text) keeps them aligned.
import { el } from "./dom.js";

// spans: [{start, end, kind}] with kind "evidence", "figure" or "denial"; overlaps allowed.
export function highlighted(text, spans) {
  const chars = Array.from(text);
  const clean = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end))
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(chars.length, s.end) }))
    .filter((s) => s.start < s.end);
  const cuts = new Set([0, chars.length]);
  for (const s of clean) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const kinds = [...new Set(clean.filter((s) => s.start <= a && s.end >= b).map((s) => s.kind))];
    parts.push(kinds.length ? el("mark", { class: kinds.sort().join(" "), text: piece }) : piece);
  }
  return parts;
}
