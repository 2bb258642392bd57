"""Passerelle's HTTP face: thin FastAPI adapters over the `directory` domain."""
