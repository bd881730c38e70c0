"""Shared test helpers: real site builds, plans, photos, scanners. Never import from a test_*.py."""
