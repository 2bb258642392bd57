"""Code that runs inside the Rasa server's own environment (Python 3.10, Rasa 3.6.21).

Kept to a minimum: nothing here may import the app (`directory`, `api`), which lives in another
environment.
"""
