/* plpbk: small enhancements; every page works without this file. */
(function () {
  "use strict";
  var filter = document.querySelector(".plpbk-filter");
  if (filter) {
    var count = filter.querySelector(".plpbk-filter-count");
    var update = function () {
      var checked = filter.querySelector("input[name=plpbk-status]:checked");
      var status = checked ? checked.value : "all";
      var shown = 0;
      filter.querySelectorAll(".plpbk-sector").forEach(function (sector) {
        var visible = 0;
        sector.querySelectorAll(".plpbk-project").forEach(function (card) {
          var show = status === "all" || card.getAttribute("data-status") === status;
          card.hidden = !show;
          if (show) { visible += 1; }
        });
        sector.hidden = visible === 0;
        shown += visible;
      });
      if (count) { count.textContent = count.getAttribute("data-template") ? count.getAttribute("data-template").replace("%n", shown) : String(shown); }
      if (status !== "all") { history.replaceState(null, "", "#" + status); } else if (location.hash) { history.replaceState(null, "", location.pathname); }
    };
    filter.addEventListener("change", update);
    var initial = location.hash.slice(1);
    var start = initial && document.getElementById("status-" + initial);
    if (start) { start.checked = true; update(); }
  }
  var market = document.querySelector(".plpbk-market-filter");
  if (market) {
    var calls = Array.prototype.slice.call(document.querySelectorAll(".plpbk-market-call"));
    var sets = Array.prototype.slice.call(market.querySelectorAll("fieldset[data-filter]"));
    var shownCount = market.querySelector(".plpbk-filter-count");
    var none = document.querySelector(".plpbk-market-none");
    var chips = market.querySelector(".plpbk-chips");
    var checked = function (set) { return set.querySelector("input:checked"); };
    var applyFilters = function () {
      var active = sets.filter(function (set) { return checked(set) && checked(set).value; });
      var shown = 0;
      calls.forEach(function (call) {
        var show = active.every(function (set) {
          return (call.getAttribute("data-" + set.getAttribute("data-attribute")) || "").split(" ").indexOf(checked(set).value) >= 0;
        });
        call.hidden = !show;
        if (show) { shown += 1; }
      });
      if (shownCount) { shownCount.textContent = active.length ? shownCount.getAttribute("data-template").replace("%n", shown).replace("%total", calls.length) : ""; }
      if (none) { none.hidden = shown > 0; }
      chips.textContent = "";
      chips.hidden = !active.length;
      active.forEach(function (set) {
        var name = checked(set).parentNode.querySelector(".plpbk-chip-name").textContent;
        var chip = document.createElement("button");
        chip.type = "button";
        chip.textContent = name + " \u00d7";
        chip.setAttribute("aria-label", chips.getAttribute("data-remove").replace("%s", name));
        chip.addEventListener("click", function () { set.querySelector("input[value='']").checked = true; applyFilters(); });
        chips.appendChild(chip);
      });
      var query = new URLSearchParams(location.search);
      sets.forEach(function (set) {
        var name = set.getAttribute("data-filter");
        if (checked(set) && checked(set).value) { query.set(name, checked(set).value); } else { query.delete(name); }
      });
      var search = query.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    };
    var wanted = new URLSearchParams(location.search);
    sets.forEach(function (set) {
      var value = wanted.get(set.getAttribute("data-filter"));
      var input = value && Array.prototype.slice.call(set.querySelectorAll("input")).filter(function (i) { return i.value === value; })[0];
      if (input) {
        input.checked = true;
        var details = set.closest("details");
        if (details) { details.open = true; }
      }
    });
    var all = market.querySelector(".plpbk-market-filters");
    if (all && (window.matchMedia("(min-width: 60em)").matches || sets.some(function (set) { return checked(set) && checked(set).value; }))) { all.open = true; }
    market.addEventListener("change", applyFilters);
    market.addEventListener("reset", function () { setTimeout(applyFilters, 0); });
    market.addEventListener("submit", function (event) { event.preventDefault(); });
    applyFilters();
  }
  var dialog = null;
  document.querySelectorAll("a.plpbk-lightbox").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (typeof HTMLDialogElement === "undefined") { return; }
      event.preventDefault();
      if (!dialog) {
        dialog = document.createElement("dialog");
        dialog.className = "plpbk-lightbox-dialog";
        dialog.innerHTML = '<button type="button">×</button><img alt=""><p></p>';
        var named = link.closest("[data-plpbk-close]");  // the page says "Close" in its language (the catalogues)
        dialog.querySelector("button").setAttribute("aria-label", named ? named.getAttribute("data-plpbk-close") : "Close");
        dialog.querySelector("button").addEventListener("click", function () { dialog.close(); });
        dialog.addEventListener("click", function (e) { if (e.target === dialog) { dialog.close(); } });
        document.body.appendChild(dialog);
      }
      var img = link.querySelector("img");
      var caption = link.closest("figure") && link.closest("figure").querySelector("figcaption");
      dialog.querySelector("img").src = link.href;
      dialog.querySelector("img").alt = img ? img.alt : "";
      dialog.querySelector("p").textContent = caption ? caption.textContent : "";
      dialog.setAttribute("aria-label", img ? img.alt : "");
      dialog.showModal();
      dialog.querySelector("button").focus();
    });
  });
  document.querySelectorAll("[data-plpbk-copy]").forEach(function (button) {
    var code = document.getElementById(button.getAttribute("data-plpbk-copy"));
    if (!code) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var label = button.textContent;
      var done = function () { button.textContent = button.getAttribute("data-done"); setTimeout(function () { button.textContent = label; }, 2000); };
      code.focus();
      code.select();
      if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(code.value).then(done, function () { document.execCommand("copy"); done(); }); } else { document.execCommand("copy"); done(); }
    });
  });
  document.querySelectorAll("[data-plpbk-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
