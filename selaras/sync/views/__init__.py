"""Pages of the synchronisation app, one module per sub-domain: the overview
and check runs, the review workspace of a plan, and letters."""
