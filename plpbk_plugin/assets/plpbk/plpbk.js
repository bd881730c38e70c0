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
  var dialog = null;
  document.querySelectorAll("a.plpbk-lightbox").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (typeof HTMLDialogElement === "undefined") { return; }
      event.preventDefault();
      if (!dialog) {
        dialog = document.createElement("dialog");
        dialog.className = "plpbk-lightbox-dialog";
        dialog.innerHTML = '<button type="button" aria-label="' + (document.documentElement.lang === "id" ? "Tutup" : "Close") + '">×</button><img alt=""><p></p>';
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
  document.querySelectorAll("[data-plpbk-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
