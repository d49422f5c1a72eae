// The view lives in the URL's query string, so any view can be shared or bookmarked.
const KEYS = ["type", "actor", "country", "q", "from", "to", "sort", "offset", "incident", "map"];
const listeners = [];

export function getState() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  return state;
}

// patch: keys to set (null or "" removes them). push: a new history entry (Back returns).
export function setState(patch, { push = false } = {}) {
  const state = { ...getState(), ...patch };
  const params = new URLSearchParams();
  for (const key of KEYS) if (state[key]) params.set(key, state[key]);
  const query = params.toString();
  const url = location.pathname + (query ? "?" + query : "");
  if (url === location.pathname + location.search) return;
  (push ? history.pushState : history.replaceState).call(history, null, "", url);
  notify();
}

export function onStateChange(listener) {
  listeners.push(listener);
}

function notify() {
  const state = getState();
  for (const listener of listeners) listener(state);
}

window.addEventListener("popstate", notify);

// The filters the API understands, taken from the state (dates optional).
export function filterParams(state, { dates = true } = {}) {
  const params = {};
  for (const key of ["type", "actor", "country", "q"]) if (state[key]) params[key] = state[key];
  if (dates) for (const key of ["from", "to"]) if (state[key]) params[key] = state[key];
  return params;
}
