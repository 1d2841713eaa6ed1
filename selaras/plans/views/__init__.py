"""The plan pages, one module per page family (see `selaras/plans/urls.py`)."""
