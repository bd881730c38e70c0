"""Community sources gathered by a portal: fetched, checked, cached and summarised."""
