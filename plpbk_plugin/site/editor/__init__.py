"""The editors' tools on a site: the form editor, the field reference, the Git repository."""
