"""Text similarity for finding duplicated government activities.

The score mixes a word-level TF-IDF cosine over normalised stems, a character
n-gram cosine, and structured agreement/conflict of what Indonesian activity
names encode: the action, the object, the government level, the target group,
the fiscal instrument and the budget document. Locations, years, package
numbers and funding tags are parsed out of the text and compared as structure.

Entry points: `scorer.get_scorer()` for pairs, `index.SimilarityIndex` for
look-up and national screening, `cli.main` for `selaras similarity`.
"""
