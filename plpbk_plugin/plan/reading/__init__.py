"""Reading plans from disk: YAML with source lines, the files a plan names, news, translations, validation."""
