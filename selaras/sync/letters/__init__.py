"""Recommendation letters: composed from a plan's accepted findings and the
coordinator's notes, edited as a draft, issued (numbered, dated, rendered to
Word and PDF, then immutable) and answered point by point by the addressee.

The letter is an administrative practice whose form no law fixes (PP 19/2022
speaks only of "berkoordinasi dengan" Mendagri), so the Word template is
replaceable: see docs/letter-template.md.
"""
