"""The platform under the directory and its faces: settings, database engines and sessions,
logs, rate limits and usage counters. It knows nothing of the domain (tests/test_layers.py)."""
