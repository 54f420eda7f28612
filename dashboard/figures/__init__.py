"""Pure DataFrame -> Figure builders (no Dash, no database)."""

from dashboard.figures.theme import register_template

register_template()
