"""The base of the product and its shared domains, one Django app each.

- `core`: structure, people, roles and permissions, the action log, record links, history, and the
  generic views, forms and API base every app builds on (app label `partnerships`);
- `deadlines`: the register of statutory deadlines, working days, reminders and the calendar feed;
- `governance`: meetings, decisions, priorities and the risk register;
- `assurance`: independent scrutiny, challenges and Section 11 assurance;
- `learning`: briefings, training, the voice of children and families, and the dataset;
- `security`: sign-in hardening and personal-data duties (no domain app imports it);
- `demo`: the demo partnerships and the benchmark's national-scale data (nothing imports it).

DEVELOPING.md draws the allowed imports between them.
"""
