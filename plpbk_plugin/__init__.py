"""MkDocs plugin turning community settlement plans into public microsites."""
