// Reading the API. Stale answers (a newer request of the same kind started since) are dropped.
const latest = new Map();

export async function getJSON(path, params = {}, kind = path) {
  const query = new URLSearchParams(params).toString();
  const ticket = (latest.get(kind) || 0) + 1;
  latest.set(kind, ticket);
  const response = await fetch(path + (query ? "?" + query : ""), { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error : `HTTP ${response.status}`;
    throw new Error(message);
  }
  if (latest.get(kind) !== ticket) return undefined;
  return body;
}
