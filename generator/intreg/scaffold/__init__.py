"""New records and new projects from the templates shipped with intreg
(`intreg new`, `intreg init`).
"""
