"""ETL for the leefloon activation warehouse: generate, load, export."""
