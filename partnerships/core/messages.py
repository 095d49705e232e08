"""Error messages in GOV.UK style, worded once for the pages and the API.

A message names the answer and says what to do ("Enter the date of death", "Select an area"): an
error summary of "This field is required." repeated does not say which answer is missing (WCAG 2.2
success criterion 3.3.1, and the GOV.UK Design System's error message guidance).
"""

TEXT, CHOICE, FILE, TICK = "text", "choice", "file", "tick"


def _in_sentence(label):
    label = str(label or "").strip()
    first = label.split()[0] if label else ""
    if first and not (first.isupper() and len(first) > 1):  # keep acronyms: NHS, CDOP, LCSPR
        label = label[0].lower() + label[1:]
    return label


def missing(label, kind=TEXT):
    """What to say when an answer is missing, or None when the answer has no label to name."""
    label = _in_sentence(label)
    if not label:
        return None
    if label.endswith("?"):
        return f"Answer the question: {label[0].upper()}{label[1:]}"
    if kind == FILE:
        return f"Choose a file for {label}"
    if kind == TICK:
        return f"Tick to confirm {label}"
    if kind == CHOICE:
        return f"Select {label}"
    return f"Enter {label}"
