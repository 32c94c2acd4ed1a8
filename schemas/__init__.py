"""The integration record: its model, its loader and the rules that make it valid."""
