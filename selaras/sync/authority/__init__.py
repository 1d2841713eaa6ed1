"""Reading what an activity does, for the authority checks: which item of
the UU 23/2014 matrix it carries out (`matcher`) and whether its content is
guidance and supervision in the sense of PP 19/2022 Pasal 4 or the affair
itself (`content`). Both explain themselves with the words that decided."""
