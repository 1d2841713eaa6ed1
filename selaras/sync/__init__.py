"""Synchronisation checks between central and regional plans."""
