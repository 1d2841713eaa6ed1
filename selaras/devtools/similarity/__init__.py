"""Measuring and feeding the duplicate detector of `selaras.sync.similarity`:
labelled-pair evaluation, plain baselines, synthetic national data and the
build of the shipped vocabulary."""
