/* plpbk maps: progressive enhancement of [data-plpbk-map] with Leaflet (vendored in
 * assets/plpbk/leaflet/). Without JavaScript, or if Leaflet fails to load, the page
 * keeps its static SVG map and the list of places.
 *
 * Config (JSON in a <script type="application/json"> child):
 *   features  GeoJSON FeatureCollection (inline), or
 *   geojson   URL of a GeoJSON file (relative to `base`)
 *   center    [lat, lon] and zoom: used when there is nothing to fit
 *   bounds    [[south, west], [north, east]]
 *   tiles     {url, attribution}
 *   base      relative URL of the site root, for site-relative `url` properties
 *   max_zoom, label
 * Feature properties: url, title or name, and optionally popup {title, detail, url, colour}.
 */
(function () {
  "use strict";
  var L = null;
  if (!document.querySelectorAll) { return; }

  function resolve(url, base) {
    try { return new URL(url, base).href; } catch (e) { return null; }
  }

  function popupFor(props, base) {
    var info = props.popup || {};
    var title = info.title || props.title || props.name || "";
    var url = info.url || props.url;
    var box = document.createElement("div");
    var heading = document.createElement("strong");
    var href = url ? resolve(url, base) : null;
    if (href && /^https?:/.test(href)) {
      var link = document.createElement("a");
      link.href = href;
      link.textContent = title;
      heading.appendChild(link);
    } else {
      heading.textContent = title;
    }
    box.appendChild(heading);
    if (info.detail) {
      var detail = document.createElement("div");
      detail.textContent = info.detail;
      box.appendChild(detail);
    }
    return box;
  }

  function draw(map, data, config, base) {
    var layer = L.geoJSON(data, {
      style: function (feature) {
        if (feature.geometry && feature.geometry.type === "Point") { return {}; }  // markers keep their own style
        var colour = (feature.properties && feature.properties.popup && feature.properties.popup.colour) || "#0f766e";
        return { color: colour, weight: 2, fillOpacity: 0.12 };
      },
      pointToLayer: function (feature, latlng) {
        var props = feature.properties || {};
        var colour = (props.popup && props.popup.colour) || "#b91c1c";
        return L.circleMarker(latlng, {
          radius: props.kind === "kawasan" ? 10 : 8,
          color: "#ffffff",
          weight: 2,
          fillColor: colour,
          fillOpacity: 0.9
        });
      },
      onEachFeature: function (feature, item) {
        if (!feature.geometry || feature.geometry.type !== "Point") { return; }  // the area stays quiet
        var props = feature.properties || {};
        item.bindPopup(popupFor(props, base));
        var title = (props.popup && props.popup.title) || props.title || props.name;
        if (title) { item.bindTooltip(String(title)); }
      }
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: config.max_zoom || 17 });
    }
  }

  function enhance(node) {
    if (node.getAttribute("data-plpbk-map-ready")) { return; }
    var source = node.querySelector('script[type="application/json"]');
    if (!source) { return; }
    var config;
    try { config = JSON.parse(source.textContent); } catch (e) { return; }
    node.setAttribute("data-plpbk-map-ready", "1");
    var base = resolve(config.base || "./", document.baseURI);
    var canvas = document.createElement("div");
    canvas.className = "plpbk-map-canvas";
    canvas.style.height = "24rem";
    canvas.style.borderRadius = "6px";
    if (config.label) {
      canvas.setAttribute("role", "region");
      canvas.setAttribute("aria-label", config.label);
    }
    node.appendChild(canvas);
    node.hidden = false;
    var fallback = node.parentNode && node.parentNode.querySelector(":scope > .plpbk-map-static");

    var map = L.map(canvas, { scrollWheelZoom: false });
    map.once("focus", function () { map.scrollWheelZoom.enable(); });
    var tiles = config.tiles || {};
    if (tiles.url) {
      L.tileLayer(tiles.url, { maxZoom: 19, attribution: tiles.attribution || "" }).addTo(map);
    }
    if (config.bounds) {
      map.fitBounds(config.bounds, { maxZoom: config.max_zoom || 17 });
    } else if (config.center) {
      map.setView(config.center, config.zoom || 15);
    }
    if (fallback) { fallback.style.display = "none"; }
    if (config.features) {
      draw(map, config.features, config, base);
    } else if (config.geojson && window.fetch) {
      fetch(resolve(config.geojson, base))
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) { draw(map, data, config, base); } })
        .catch(function () { /* the tiles and the list of places still show */ });
    }
  }

  /* Leaflet and the tiles cost data: they load only when the visitor asks for the live map. */
  function loadLeaflet(folder, done) {
    if (window.L) { L = window.L; done(); return; }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = folder + "leaflet.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = folder + "leaflet.js";
    script.onload = function () { L = window.L; done(); };
    document.head.appendChild(script);
  }

  function offer(node) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button plpbk-map-open";
    button.textContent = node.getAttribute("data-label-open") || "Map";
    button.addEventListener("click", function () {
      button.disabled = true;
      loadLeaflet(node.getAttribute("data-leaflet") || "", function () {
        enhance(node);
        button.parentNode.removeChild(button);
      });
    });
    node.parentNode.insertBefore(button, node);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-plpbk-map]"), offer);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
