"""What a site holds: page specs and bodies, portal, Markdown, open data, feeds, maps, JSON-LD."""
