"""Open data and feeds: data.json, CSV, GeoJSON, IATI, RSS, JSON-LD, sitemap languages."""
