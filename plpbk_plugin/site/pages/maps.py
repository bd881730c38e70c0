"""What the map fragment (``plpbk/partials/map.html``) needs: a static SVG and a Leaflet config.

The SVG is the map for every visitor without JavaScript or without network
to the tile server: an equirectangular projection fitted to the features,
the boundary as a path, each place as a linked circle. ``map.js`` then swaps
in a Leaflet map with OpenStreetMap tiles, drawn from the same features.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterator, Mapping
from typing import Any

from ...i18n import Translator
from ...plan.labels import label as enum_label

DEFAULT_TILES: dict[str, str] = {
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
}
SVG_WIDTH, SVG_HEIGHT, SVG_PAD = 640, 400, 28
MIN_SPAN = 0.004  # degrees (~450 m): a lone point gets a neighbourhood around it
MAX_ZOOM = 17

STATUS_COLOURS = {
    "planned": "#6b7280",
    "seeking_partners": "#d97706",
    "funded": "#0f766e",
    "in_progress": "#2563eb",
    "completed": "#15803d",
}
KAWASAN_COLOUR = "#b91c1c"
BOUNDARY_COLOUR = "#0f766e"


def _positions(geometry: Mapping[str, Any]) -> Iterator[tuple[float, float]]:
    """Every ``(lon, lat)`` of a Point, Polygon or MultiPolygon."""
    kind = geometry.get("type")
    coords: Any = geometry.get("coordinates")  # GeoJSON: nested lists, checked when the plan was read
    if kind == "Point":
        yield float(coords[0]), float(coords[1])
    elif kind == "Polygon":
        for ring in coords:
            for lon, lat, *_ in ring:
                yield float(lon), float(lat)
    elif kind == "MultiPolygon":
        for polygon in coords:
            yield from _positions({"type": "Polygon", "coordinates": polygon})


def _rings(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    if geometry.get("type") == "Polygon":
        return list(geometry["coordinates"])
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


class _Projection:
    """Equirectangular (longitudes shrunk by cos of the middle latitude), fitted and centred in the SVG."""

    def __init__(self, positions: list[tuple[float, float]]) -> None:
        lons = [p[0] for p in positions]
        lats = [p[1] for p in positions]
        west, east, south, north = min(lons), max(lons), min(lats), max(lats)
        if east - west < MIN_SPAN:
            west, east = (west + east - MIN_SPAN) / 2, (west + east + MIN_SPAN) / 2
        if north - south < MIN_SPAN:
            south, north = (south + north - MIN_SPAN) / 2, (south + north + MIN_SPAN) / 2
        self.kx = math.cos(math.radians((south + north) / 2))
        width, height = (east - west) * self.kx, north - south
        self.scale = min((SVG_WIDTH - 2 * SVG_PAD) / width, (SVG_HEIGHT - 2 * SVG_PAD) / height)
        self.x0 = (SVG_WIDTH - width * self.scale) / 2
        self.y0 = (SVG_HEIGHT - height * self.scale) / 2
        self.west, self.north = west, north
        self.bounds = [[round(south, 6), round(west, 6)], [round(north, 6), round(east, 6)]]

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.x0 + (lon - self.west) * self.kx * self.scale
        y = self.y0 + (self.north - lat) * self.scale
        return round(x, 1), round(y, 1)


def _num(value: float) -> str:
    return f"{value:g}"


def _detail(props: Mapping[str, Any], t: Translator | None) -> str | None:
    """One line under a place's name: a project's status and gap, a kawasan's tagline."""
    if props.get("kind") == "kawasan":
        return props.get("tagline")
    if t is None or props.get("kind") != "project":
        return None
    parts = [enum_label(t, "project_status", props["status"])] if props.get("status") else []
    if props.get("gap"):
        parts.append(t.gettext("Funding gap") + " " + t.money(props["gap"]))
    elif props.get("cost") is not None:
        parts.append(t.gettext("Cost") + " " + t.money(props["cost"]))
    return " · ".join(parts) or None


def map_context(
    features: Mapping[str, Any],
    tiles: Mapping[str, str] | None = None,
    *,
    label: str,
    t: Translator | None = None,
    map_id: str = "plpbk-map",
) -> dict[str, Any] | None:
    """The ``map`` the fragment renders, or ``None`` when nothing has coordinates (then show no map).

    ``features`` is a GeoJSON FeatureCollection as :func:`exports.kawasan_geojson`
    or :func:`exports.portal_geojson` make it, with **site-relative** ``url``
    properties (the fragment makes them relative to the page with ``link``).
    ``tiles`` is ``{url, attribution}`` (OpenStreetMap by default).
    """
    items = [f for f in features.get("features", []) if f.get("geometry")]
    positions = [p for f in items for p in _positions(f["geometry"])]
    if not positions:
        return None
    project = _Projection(positions)
    paths, points, places = [], [], []
    config_features = []
    for feature in items:
        props = dict(feature.get("properties") or {})
        popup, shape = _draw(feature["geometry"], props, project, t)
        if "d" in shape:
            paths.append(shape)
        elif shape:
            place = {key: value for key, value in shape.items() if key not in ("x", "y", "r")}
            points.append(shape)
            places.append(place)
        config_features.append({**copy.deepcopy(feature), "properties": {**props, "popup": popup}})
    # Markers last in the SVG so the boundary never covers them; kawasan centres above projects.
    points.sort(key=lambda p: p["kind"] == "kawasan")
    tiles = dict(tiles or DEFAULT_TILES)
    return {
        "id": map_id,
        "label": label,
        "features": features,
        "tiles": tiles,
        "svg": {"width": SVG_WIDTH, "height": SVG_HEIGHT, "paths": paths, "points": points},
        "places": places,
        "config": {
            "features": {"type": "FeatureCollection", "features": config_features},
            "tiles": tiles,
            "bounds": project.bounds,
            "max_zoom": MAX_ZOOM,
            "label": label,
        },
    }


def _draw(
    geometry: Mapping[str, Any], props: Mapping[str, Any], project: _Projection, t: Translator | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A feature's popup, and its shape in the SVG: a point (``x``, ``y``, ``r``), an outline (``d``) or nothing."""
    kind = props.get("kind")
    title = props.get("title") or props.get("name") or ""
    colour = KAWASAN_COLOUR if kind == "kawasan" else STATUS_COLOURS.get(props.get("status", ""), BOUNDARY_COLOUR)
    popup = {"title": title, "detail": _detail(props, t), "url": props.get("url"), "colour": colour}
    if geometry["type"] == "Point":
        x, y = project(*next(_positions(geometry)))
        place = {"kind": kind, "title": title, "url": props.get("url"), "detail": popup["detail"], "colour": colour}
        return popup, {**place, "x": _num(x), "y": _num(y), "r": 13 if kind == "kawasan" else 10}
    d = " ".join(
        "M" + " L".join("{} {}".format(*map(_num, project(lon, lat))) for lon, lat, *_ in ring) + " Z"
        for ring in _rings(geometry)
    )
    return popup, ({"d": d, "title": title, "colour": BOUNDARY_COLOUR} if d else {})
