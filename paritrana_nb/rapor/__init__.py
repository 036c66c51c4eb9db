"""Participant feedback cards (`paritrana rapor`): one self-contained HTML page per participant, rendered in batch.

data.py computes what every card shows once for the whole season (scores, rank intervals, gaps, last year),
vectorised; cards.py turns one participant of it into the template's plain values; render.py holds the Jinja
templates; batch.py writes every card and the index pages, in parallel; paths.py says where a card lives.
"""
