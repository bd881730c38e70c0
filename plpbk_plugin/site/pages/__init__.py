"""The pages of a site: a kawasan's microsite, the portal, its regions and market, and what they show."""
