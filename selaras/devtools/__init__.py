"""Development tools: bench data, benchmark helpers and the derivation of the
similarity engine's shipped data. Nothing of the product imports this app;
it ships with the package so that `selaras bench-data` works on any install."""
