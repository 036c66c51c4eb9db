"""Paritrana Award evaluation workbook."""
