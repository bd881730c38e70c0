"""A plan's history: its versions in Git and what changed between them (the Riwayat's facts)."""
