/* plpbk's service worker: the site keeps working when the signal goes.
 *
 * The plugin writes it into the site's root as sw.js, with this build's settings in PLPBK on the
 * line above (the build's id, the offline pages, what to keep at install, the saved lists' name).
 * Pages register it with a URL relative to the site's root, so its scope is the site's own folder
 * (a GitHub Pages project site's /<repo>/).
 *
 * - Pages: from the network first (revalidating the browser's HTTP cache); when the network fails,
 *   or is slower than TIMEOUT and a copy is kept, the kept copy; else the offline page of the
 *   page's language.
 * - Files named by their content (Material's bundles, photos, icons, Pagefind's chunks): from a
 *   cache first. A photo of another width than the one kept stands in for a missing one offline.
 * - Any other file of the site: from the network first, the kept copy when offline.
 * - Never touched: other origins and other sites of this origin, anything but GET, ranges, the
 *   form editor (admin/ and its script, and whatever it asks for), MkDocs' live reload.
 * - Two caches per site: this build's ("plpbk <scope> <build>": the pages and files visited),
 *   deleted when a newer build's worker activates; and the kawasan saved for reading offline
 *   ("plpbk <scope> saved"), kept across builds and brought up to date when a page of the new
 *   build opens. The names carry the scope: project sites of one origin keep apart.
 * - Messages from pages: {type: "keep", urls} (the page being read, on a first visit and after a
 *   new build), {type: "save" | "remove", list} (a kawasan's list, offline.json), answered with
 *   {type: "progress", list, done, total}, {type: "saved" | "removed", list} or
 *   {type: "failed", list, reason: "quota" | "network"}.
 */
"use strict";

const SCOPE = self.registration.scope;
const PREFIX = "plpbk " + SCOPE + " ";
const RUNTIME = PREFIX + PLPBK.build;
const SAVED = PREFIX + "saved";
const TIMEOUT = 4000;  // ms the network has before a kept copy is shown instead
const PARALLEL = 4;  // downloads at once while saving a kawasan
const HASH = "x-plpbk-hash";  // the header a saved file carries: its content's hash in the list
const NEVER = /^(admin\/|assets\/plpbk\/cms\/|livereload\/|sw\.js$)/;
const HASHED = [
  /^assets\/(javascripts|stylesheets)\/.+\.[0-9a-f]{8}\.min\.(js|css)$/,  // Material's bundles
  /^assets\/plpbk\/(img|icons)\/[0-9a-f]{16}-/,  // photos, logos and icons, named by their content
  /^pagefind\/.+_[0-9a-f]{7,}\.pf_[a-z]+$/,  // Pagefind's index chunks
];
const PHOTO = /^(assets\/plpbk\/img\/[0-9a-f]{16}-)\d+\.([a-z]+)$/;

/* The URL of a path inside the site. */
function at(path) {
  return new URL(path, SCOPE).href;
}

/* The path of a URL inside the site ("" for its root), or null for anything outside it. */
function inside(url) {
  if (!url || !url.startsWith(SCOPE)) return null;
  return url.slice(SCOPE.length).split(/[?#]/)[0];
}

function storable(response) {
  return response.ok && response.type === "basic" && response.status === 200;
}

/* How to ask for a file: one named by its content may come from the browser's HTTP cache; any other
   is checked with the server (304 when unchanged), so that a new build never meets an old copy. */
function fresh(path) {
  return new Request(at(path), {cache: HASHED.some((pattern) => pattern.test(path)) ? "default" : "no-cache"});
}

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(RUNTIME)
    .then((cache) => cache.addAll(PLPBK.precache.map(fresh)))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== RUNTIME && name !== SAVED);
    await Promise.all(old.map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range")) return;
  const path = inside(request.url);
  if (path === null || NEVER.test(path) || NEVER.test(inside(request.referrer) || "")) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(event, path, true));
  } else if (HASHED.some((pattern) => pattern.test(path))) {
    event.respondWith(cacheFirst(event, path));
  } else {
    event.respondWith(networkFirst(event, path, false));
  }
});

/* Keeps a copy in this build's cache, unless a newer build's worker has deleted it (this worker may
   still be answering the page that brought the newer one). */
async function keepCopy(request, response) {
  if (await caches.has(RUNTIME)) await (await caches.open(RUNTIME)).put(request, response);
}

/* The network's answer to a request; a good one is also kept. */
function fetchAndKeep(event, request) {
  let kept = Promise.resolve();
  const answer = fetch(request).then((response) => {
    if (storable(response)) kept = keepCopy(request, response.clone());
    return response;
  });
  event.waitUntil(answer.then(() => kept).catch(() => undefined));
  return answer;
}

async function networkFirst(event, path, page) {
  const request = event.request;
  // Asked of the server even when the browser's HTTP cache holds a copy (GitHub Pages allows ten
  // minutes): a page fetched while saving must not hide a newer build. Unchanged, it answers 304.
  const network = fetchAndKeep(event, new Request(request, {cache: "no-cache"}));
  let slow;
  const timer = new Promise((resolve) => { slow = setTimeout(resolve, TIMEOUT, null); });
  try {
    const first = await Promise.race([network, timer]);
    if (first && first.status < 500) return first;
    return (await lookup(request, page)) || first || await network;
  } catch (error) {
    const kept = await lookup(request, page);
    if (kept) return kept;
    return page ? offlinePage(path) : Response.error();
  } finally {
    clearTimeout(slow);
  }
}

async function cacheFirst(event, path) {
  const kept = await lookup(event.request, false);
  if (kept) return kept;
  try {
    return await fetchAndKeep(event, event.request);
  } catch (error) {
    return (await otherWidth(path)) || Response.error();
  }
}

/* A kept copy: this build's, else a saved kawasan's (looking creates no cache). */
async function lookup(request, ignoreSearch) {
  for (const cacheName of [RUNTIME, SAVED]) {
    const found = await caches.match(request, {cacheName, ignoreSearch, ignoreVary: true});
    if (found) return found;
  }
  return undefined;
}

/* Offline, a photo kept at another width (or in another format) shows instead of the one asked for. */
async function otherWidth(path) {
  const photo = PHOTO.exec(path);
  if (!photo) return undefined;
  let fallback;
  for (const name of [RUNTIME, SAVED]) {
    if (!(await caches.has(name))) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const found = PHOTO.exec(inside(request.url) || "");
      if (found && found[1] === photo[1]) {
        if (found[2] === photo[2]) return cache.match(request);
        fallback = fallback || request;
      }
    }
  }
  return fallback && lookup(fallback, false);
}

/* The offline page of the path's language, with a <base> so that its links lead where they should. */
async function offlinePage(path) {
  const prefix = Object.keys(PLPBK.offline).filter((p) => path.startsWith(p)).sort((a, b) => b.length - a.length)[0];
  const url = at(PLPBK.offline[prefix === undefined ? "" : prefix]);
  const page = await lookup(new Request(url), false);
  if (!page) return Response.error();
  const html = (await page.text()).replace("<head>", '<head><base href="' + url + '">');
  return new Response(html, {headers: {"Content-Type": "text/html; charset=utf-8"}});
}

/* -- messages from pages ------------------------------------------------------------------ */

let queue = Promise.resolve();  // saving, removing and refreshing run one after the other

function then(task) {
  queue = queue.then(task, task);
  return queue;
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const tell = (message) => self.clients.matchAll({type: "window", includeUncontrolled: true})  // every tab of the site
    .then((tabs) => tabs.forEach((tab) => tab.postMessage(message)));
  if (data.type === "keep" && Array.isArray(data.urls)) {
    event.waitUntil(keep(data.urls).then(() => then(refresh)).catch(() => undefined));
  } else if ((data.type === "save" || data.type === "remove") && isList(data.list)) {
    const list = data.list;
    const work = data.type === "save"
      ? () => save(list, (done, total) => tell({type: "progress", list, done, total})).then(() => tell({type: "saved", list}))
      : () => remove(list).then(() => tell({type: "removed", list}));
    event.waitUntil(then(() => work().catch((error) => {
      tell({type: "failed", list, reason: error && error.name === "QuotaExceededError" ? "quota" : "network"});
    })));
  }
});

function isList(url) {
  const path = inside(typeof url === "string" ? url : "");
  return path !== null && (path === PLPBK.list || path.endsWith("/" + PLPBK.list));
}

/* The page being read and its files, kept in this build's cache (they are mostly in the browser's
   HTTP cache already: the page loaded them). */
async function keep(urls) {
  const wanted = urls.slice(0, 200).map((url) => String(url).split("#")[0])
    .filter((url) => { const path = inside(url); return path !== null && !NEVER.test(path); });
  await Promise.all([...new Set(wanted)].map(async (url) => {
    if (await lookup(new Request(url), false)) return;
    try {
      const response = await fetch(url);
      if (storable(response)) await keepCopy(url, response);
    } catch (error) { /* offline again: nothing to keep */ }
  }));
}

/* -- saved kawasan ------------------------------------------------------------------------ */

async function fetchList(url) {
  const response = await fetch(url, {cache: "no-cache"});
  if (!response.ok) throw Object.assign(new Error("list " + response.status), {status: response.status});
  return response.json();
}

async function save(url, progress) {
  await download(url, await fetchList(url), progress);
}

/* Every file of a list that is not saved yet (or changed since), then the list itself. */
async function download(url, list, progress) {
  const cache = await caches.open(SAVED);
  const todo = [];
  for (const [path, hash, size] of list.files) {
    const found = await cache.match(at(path), {ignoreVary: true});
    if (!found || found.headers.get(HASH) !== hash) todo.push([path, hash, size]);
  }
  const total = todo.reduce((sum, file) => sum + file[2], 0);
  let done = 0;
  progress(done, total);
  const next = async () => {
    for (let file = todo.shift(); file; file = todo.shift()) {
      const [path, hash, size] = file;
      const response = await fetch(fresh(path));
      if (!storable(response)) throw new Error(path + ": " + response.status);
      const headers = new Headers(response.headers);
      headers.set(HASH, hash);
      await cache.put(at(path), new Response(await response.blob(), {status: 200, headers}));
      done += size;
      progress(done, total);
    }
  };
  await Promise.all(Array.from({length: PARALLEL}, next));
  await cache.put(url, new Response(JSON.stringify(list), {headers: {"Content-Type": "application/json"}}));
  await collect(cache);
}

async function remove(url) {
  const cache = await caches.open(SAVED);
  await cache.delete(url);
  await collect(cache);
}

/* The saved lists (by URL) and what each holds. */
async function savedLists(cache) {
  const lists = new Map();
  for (const request of await cache.keys()) {
    if (isList(request.url)) lists.set(request.url, await (await cache.match(request)).json());
  }
  return lists;
}

/* Drops every saved file that no saved list names (left by a removed kawasan or an older build). */
async function collect(cache) {
  const lists = await savedLists(cache);
  const named = new Set(lists.keys());
  for (const list of lists.values()) list.files.forEach(([path]) => named.add(at(path)));
  for (const request of await cache.keys()) {
    if (!named.has(request.url)) await cache.delete(request);
  }
}

/* Brings each saved kawasan up to the build being served: only what changed is downloaded. A
   kawasan that is no longer on the site is let go; offline, everything stays as it is. */
async function refresh() {
  const cache = await caches.open(SAVED);
  for (const url of (await savedLists(cache)).keys()) {
    try {
      await download(url, await fetchList(url), () => undefined);
    } catch (error) {
      if (error.status === 404) await remove(url);
    }
  }
}
