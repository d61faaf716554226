"""Entities stage: mentions per article (`find_mentions`) and canonical entities across
articles, scripts and bad translations (`canonicalize`)."""
from newsprism.entities.canonical import canonicalize
from newsprism.entities.ner import find_mentions

__all__ = ["canonicalize", "find_mentions"]
