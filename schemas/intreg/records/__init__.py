"""The integration record: its model, its loader, the rules that make it valid,
and `intreg validate`.
"""
