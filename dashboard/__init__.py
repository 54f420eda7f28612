"""The leefloon activation dashboard: Dash pages reading the published warehouse's marts."""
