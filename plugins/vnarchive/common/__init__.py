"""Helpers more than one plugin needs, one implementation each:

- `dates`: the precision of an article's date (`Date_precision`);
- `text`: plain text from HTML, and folding Vietnamese to ASCII;
- `workers`: how many processes to use, and how to run work in them.
"""
