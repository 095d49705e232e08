"""Publications in alpha and beta for the URL and API matrices."""

import datetime

from publications import services
from publications.choices import PublicationKind


def extend_world(w):
    w.arrangements = services.create_publication(
        w.bu, w.alpha, kind=PublicationKind.ARRANGEMENTS, title="Alpha safeguarding arrangements"
    )
    services.write_narrative(
        w.bu, w.arrangements, "arrangements:working_together", "The partners meet monthly."
    )
    w.arrangements_v1 = services.make_draft(w.bu, w.arrangements)
    w.beta_arrangements = services.create_publication(
        w.outsider, w.beta, kind=PublicationKind.ARRANGEMENTS, title="Beta safeguarding arrangements"
    )
    w.beta_v1 = services.make_draft(w.outsider, w.beta_arrangements)
    w.yearly = services.create_publication(
        w.bu,
        w.alpha,
        kind=PublicationKind.YEARLY_REPORT,
        title="Alpha yearly report 2019 to 2020",
        period_start=datetime.date(2019, 9, 29),
    )
    w.url_kwargs["publications:narrative_edit"] = {"pk": w.arrangements.pk, "key": "arrangements:partners"}
