"""Passerelle's domain: the referral directory, Belgian geography, search and seed data.

Plain Python and SQLAlchemy; nothing in this package imports FastAPI or Rasa.
"""
