"""One module per URL (Dash pages). Imported by app.py after the Dash app exists."""
