"""Claims stage: extract attributed statements per article, align them across an event's sources
and label each as agreed, partial (with the silent sources), contradicted (typed conflict) or a
likely translation error."""
from newsprism.claims.align import align
from newsprism.claims.extract import extract_claims

__all__ = ["align", "extract_claims"]
