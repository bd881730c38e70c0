"""The plan: its model, reading it from YAML with source lines, its rules, files and figures."""
