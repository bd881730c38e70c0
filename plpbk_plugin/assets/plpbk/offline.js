/* plpbk: reading offline, on the two pages that offer it (the site's service worker, sw.js, does the work).
 *
 * - [data-plpbk-offline], on a kawasan's Beranda: "Save for offline reading" with the size its list
 *   (offline.json) gives, progress while the worker saves, then the saved state, read from the
 *   browser's Cache Storage (so it holds across reloads), and a way to remove it.
 * - [data-plpbk-offline-page], on the offline page: the saved kawasan and the pages read before,
 *   read from this site's caches.
 *
 * Both stay hidden where the browser has no service worker, and without JavaScript. Texts come from
 * the page (data-msg-*, translated by the site); {name} marks what is filled in here. */
(function () {
  "use strict";
  var sw = navigator.serviceWorker;
  if (!sw || !window.caches || !document.currentScript) { return; }
  var root = new URL("../../", document.currentScript.src).href;  // this file is <root>/assets/plpbk/offline.js
  var prefix = "plpbk " + root + " ";  // the worker's cache names (see sw.js)
  var SAVED = prefix + "saved";
  var LIST = /\/offline\.json$/;

  function say(element, name, values) {
    return (element.getAttribute("data-msg-" + name) || "").replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function savedList(url) {
    return caches.open(SAVED).then(function (cache) { return cache.match(url); }).then(function (found) { return found ? found.json() : null; });
  }

  function saver(box) {
    var list = new URL(box.getAttribute("data-list"), document.baseURI).href;
    var save = box.querySelector("[data-save]"), remove = box.querySelector("[data-remove]");
    var bar = box.querySelector("progress"), status = box.querySelector("[data-status]");
    var shown = -1;

    function show(state, text) {
      var focused = box.contains(document.activeElement) && document.activeElement.tagName === "BUTTON";
      box.setAttribute("data-state", state);
      save.hidden = state === "saved";
      save.disabled = state === "saving";
      remove.hidden = state !== "saved";
      bar.hidden = state !== "saving";
      status.textContent = text || "";
      if (focused && (document.activeElement.hidden || document.activeElement.disabled || !box.contains(document.activeElement))) {
        (save.hidden ? status : save).focus();  // the button pressed went away: the keyboard stays here
      }
    }
    function saved(data) {
      show("saved", say(box, "saved", {pages: data.pages.length}));
    }
    function progress(done, total) {
      var percent = total ? Math.min(100, Math.floor(done * 100 / total)) : 100;
      bar.value = percent;
      if (percent - shown >= 10 || percent === 100) {  // a screen reader hears every tenth, not every file
        shown = percent - percent % 10;
        show("saving", say(box, "saving", {percent: shown}));
      }
    }

    fetch(list).then(function (response) { return response.ok ? response.json() : null; }).then(function (data) {
      if (data) { save.querySelector("[data-size]").textContent = "(" + data.size + ")"; }
    }).catch(function () { /* offline: the button stays, without the size */ });
    savedList(list).then(function (data) { if (data) { saved(data); } else { show("idle"); } }, function () { show("idle"); });
    box.hidden = false;

    sw.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.list !== list) { return; }
      if (data.type === "progress") { progress(data.done, data.total); }
      if (data.type === "saved") { savedList(list).then(saved); }
      if (data.type === "removed") { show("idle", say(box, "removed", {})); }
      if (data.type === "failed") { show("idle", say(box, data.reason === "quota" ? "quota" : "failed", {})); }
    });
    function ask(type) {
      sw.ready.then(function (registration) { registration.active.postMessage({type: type, list: list}); });
    }
    save.addEventListener("click", function () {
      shown = -1;
      progress(0, 1);
      if (navigator.storage && navigator.storage.persist) { navigator.storage.persist().catch(function () {}); }
      ask("save");
    });
    remove.addEventListener("click", function () { ask("remove"); });
  }

  function item(href, text, extra) {
    var li = document.createElement("li"), a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    li.append(a);
    if (extra) { li.append(extra); }
    return li;
  }

  function title(response) {
    return response.text().then(function (html) {
      var match = /<title>([^<]*)<\/title>/i.exec(html), holder = document.createElement("textarea");
      holder.innerHTML = match ? match[1] : "";  // decodes the entities, runs nothing
      return holder.value;
    });
  }

  function lister(page) {
    var retry = page.querySelector("[data-retry]");
    retry.hidden = false;
    retry.querySelector("button").addEventListener("click", function () { location.reload(); });
    var saved = page.querySelector("[data-saved]"), read = page.querySelector("[data-read]");
    var savedUrls = {};
    caches.open(SAVED).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.filter(function (r) { return LIST.test(r.url); }).map(function (r) {
          return cache.match(r).then(function (response) { return response.json(); });
        }));
      });
    }).then(function (lists) {
      lists.forEach(function (list) {
        var pages = document.createElement("details"), summary = document.createElement("summary"), inner = document.createElement("ul");
        summary.textContent = say(page, "pages", {pages: list.pages.length});
        list.pages.forEach(function (p) {
          var url = new URL(p.url, root).href;
          savedUrls[url] = true;
          inner.append(item(url, p.title));
        });
        pages.className = "success";  // Material draws it as a collapsible note with a check mark
        pages.append(summary, inner);
        saved.querySelector("ul").append(item(new URL(list.home, root).href, list.name, pages));
      });
      saved.hidden = !lists.length;
      return caches.keys();
    }).then(function (names) {
      var runtime = names.filter(function (name) { return name.indexOf(prefix) === 0 && name !== SAVED; });
      return Promise.all(runtime.map(function (name) {
        return caches.open(name).then(function (cache) {
          return cache.keys().then(function (requests) {
            var pages = requests.filter(function (r) {
              var path = r.url.slice(root.length);
              return r.url.indexOf(root) === 0 && /(^|\/)(index\.html)?$/.test(path) && !/(^|\/)offline\/(index\.html)?$/.test(path) && !savedUrls[r.url];
            }).slice(-50);
            return Promise.all(pages.map(function (r) {
              return cache.match(r).then(title).then(function (text) { return [r.url, text]; });
            }));
          });
        });
      }));
    }).then(function (found) {
      var list = read.querySelector("ul");
      [].concat.apply([], found).reverse().forEach(function (entry) { list.append(item(entry[0], entry[1] || entry[0])); });
      read.hidden = !list.children.length;
    }).catch(function () { /* the lists are a help; the page says what to do without them */ });
  }

  document.querySelectorAll("[data-plpbk-offline]").forEach(saver);
  document.querySelectorAll("[data-plpbk-offline-page]").forEach(lister);
})();
