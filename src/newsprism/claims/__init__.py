"""Claims stage: extract attributed statements per article, align them across an event's sources
and label each as agreed, partial (with the silent sources), contradicted (typed conflict) or a
likely translation error."""
from newsprism.claims.align import align, judge, pair_scores, similarity
from newsprism.claims.conflict import compare
from newsprism.claims.extract import claim_of, extract_claims

__all__ = ["align", "claim_of", "compare", "extract_claims", "judge", "pair_scores", "similarity"]
