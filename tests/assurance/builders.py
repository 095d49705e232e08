"""Section 11 records the URL matrix, the accessibility scan and the tenancy test need: alpha's cycle
invites beta (an invitation alpha leads), beta's cycle invites alpha (one alpha's manager answers in
alpha's own space), alpha moderates a submitted return, and a return not yet submitted is chased."""

from partnerships.assurance import services as assurance_services


def extend_world(w):
    w.s11_sent = assurance_services.invite_partnership(w.bu, w.cycle, w.beta)
    w.s11_invitation = assurance_services.invite_partnership(w.outsider, w.beta_cycle, w.alpha)
    w.url_kwargs["assurance:invitation_detail"] = {"pk": w.s11_invitation.pk}
    police = w.cycle.returns.get(organisation=w.police)
    assurance_services.save_self_assessment(
        w.lead_police, police, {a.standard_id: (2, "Audit of 2019", "") for a in police.answers.all()}
    )
    assurance_services.submit_return(w.lead_police, police)
    first = police.answers.order_by("standard__number").first()
    assurance_services.moderate_return(w.bu, police, w.alpha, {first.standard_id: (1, "Evidence is old")})
    assurance_services.chase_return(w.bu, w.council_return, w.alpha)
