"""Drawn things: responsive images, share cards, QR codes."""
