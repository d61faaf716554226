"""Claims stage: extract attributed statements per article, align them across an event's sources
and label each as agreed, partial (with the silent sources), contradicted (typed conflict) or a
likely translation error."""
from newsprism.claims.align import align, candidates, judge, pair_scores, similarity, texts_to_embed
from newsprism.claims.conflict import compare
from newsprism.claims.extract import claim_of, extract_claims

__all__ = ["align", "candidates", "claim_of", "compare", "extract_claims", "judge", "pair_scores", "similarity",
           "texts_to_embed"]
