/* plpbk search: Material's header search field, answered by Pagefind.
 *
 * The page's inline loader imports this module the first time the visitor focuses the field
 * (or presses /, s or f); this module then imports Pagefind's pagefind.js, which fetches only
 * the index chunks a query needs. Results are drawn with Material's own search-result markup. */

const PAGE = 10;

const el = (tag, className) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
};

/* Pagefind's excerpt is escaped text with <mark> around the hits: keep exactly that. */
const excerpt = (text) => {
  const p = el("p");
  const parts = String(text || "").split(/<mark>|<\/mark>/);
  parts.forEach((part, i) => {
    const holder = el("textarea");
    holder.innerHTML = part;  // decodes the entities, runs nothing
    const node = document.createTextNode(holder.value);
    if (i % 2) {
      const mark = el("mark");
      mark.append(node);
      p.append(mark);
    } else {
      p.append(node);
    }
  });
  return p;
};

const article = (title, text, tag, top) => {
  const node = el("article", "md-search-result__article md-typeset");
  if (top) node.append(el("div", "md-search-result__icon md-icon"));
  const heading = el(top ? "h1" : "h2");
  heading.textContent = title;
  node.append(heading, excerpt(text));
  if (tag) {
    const tags = el("nav", "md-tags");
    const span = el("span", "md-tag");
    span.textContent = tag;
    tags.append(span);
    node.append(tags);
  }
  return node;
};

const link = (url, body) => {
  const a = el("a", "md-search-result__link");
  a.href = url;
  a.tabIndex = -1;
  a.append(body);
  return a;
};

const item = (data) => {
  const li = el("li", "md-search-result__item");
  const meta = data.meta || {};
  li.append(link(data.url, article(meta.title || data.url, data.excerpt, meta.kawasan, true)));
  (data.sub_results || [])
    .filter((sub) => sub.url !== data.url && sub.url.includes("#") && sub.title !== meta.title)
    .slice(0, 2)
    .forEach((sub) => li.append(link(sub.url, article(sub.title, sub.excerpt, null, false))));
  return li;
};

export function start(root) {
  const query = root.querySelector("input[name=query]");
  const toggle = document.getElementById("__search");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const scope = root.querySelector("input[name=plpbk-scope]");
  const more = root.querySelector(".plpbk-search-more");
  const say = (key, n) => (root.getAttribute("data-msg-" + key) || "").replace("#", String(n));
  const config = JSON.parse(document.getElementById("__config").textContent);
  const bundle = new URL(config.base.replace(/\/?$/, "/") + "pagefind/pagefind.js", location.href).href;
  let pagefind = null;
  let results = [];
  let shown = 0;
  let serial = 0;

  const reachable = () => {  // the panel's controls take the focus only while it is open
    [scope, more].forEach((control) => control && (control.tabIndex = toggle.checked ? 0 : -1));
  };

  const loading = import(bundle)
    .then(async (module) => {
      await module.options({ excerptLength: 24 });
      await module.init();
      pagefind = module;
    })
    .catch(() => {
      meta.textContent = say("unavailable");
      root.classList.add("plpbk-search--unavailable");
    });

  const showMore = async () => {
    const mine = serial;
    const batch = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
    if (mine !== serial) return;
    batch.forEach((data) => list.append(item(data)));
    shown += batch.length;
    const rest = results.length - shown;
    if (more) {
      more.hidden = rest <= 0;
      more.textContent = say("more", Math.min(rest, PAGE));
    }
  };

  const run = async () => {
    const mine = ++serial;
    const term = query.value.trim();
    const where = scope && scope.checked ? scope.value : "";
    const done = () => Object.assign(meta.dataset, { query: term, scope: where });  // what the panel shows
    if (!term) {
      list.replaceChildren();
      if (more) more.hidden = true;
      meta.textContent = say("placeholder");
      done();
      return;
    }
    await loading;
    if (!pagefind || mine !== serial) return;
    const filters = where ? { kawasan: where } : {};
    const found = await pagefind.search(term, { filters });
    if (mine !== serial || !found) return;
    results = found.results;
    shown = 0;
    list.replaceChildren();
    meta.textContent = results.length === 0 ? say("none") : results.length === 1 ? say("one") : say("other", results.length);
    await showMore();
    done();
  };

  let timer = 0;
  query.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  if (scope) scope.addEventListener("change", run);
  if (more) more.addEventListener("click", showMore);
  root.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
  root.querySelector("form").addEventListener("reset", () => {
    setTimeout(() => {
      run();
      query.focus();
    });
  });
  toggle.addEventListener("change", reachable);

  /* Material's keys while the search is open: arrows walk the results, Enter opens the best one,
   * any other key goes to the field (opening and closing the panel: see the page's
   * partials/search.html). */
  window.addEventListener("keydown", (event) => {
    if (!toggle.checked || event.metaKey || event.ctrlKey || event.altKey) return;
    const active = document.activeElement;
    switch (event.key) {
      case "Enter":
        if (active === query) {
          const best = list.querySelector("a[href]");
          if (best) best.click();
          event.preventDefault();
        }
        break;
      case "ArrowUp":
      case "ArrowDown": {
        const stops = [query, ...list.querySelectorAll("a[href]")];
        const at = Math.max(0, stops.indexOf(active));
        const next = (at + stops.length + (event.key === "ArrowUp" ? -1 : 1)) % stops.length;
        stops[next].focus();
        event.preventDefault();
        break;
      }
      default:
        if (active !== query && active !== scope && active !== more && event.key.length === 1) query.focus();
    }
  });

  reachable();
  run();
}
