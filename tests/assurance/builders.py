"""Section 11 records the URL matrix and the accessibility scan need: beta's cycle invites alpha, so
alpha's manager has an invitation to answer in alpha's own space."""

from partnerships.assurance import services as assurance_services


def extend_world(w):
    w.s11_invitation = assurance_services.invite_partnership(w.outsider, w.beta_cycle, w.alpha)
    w.url_kwargs["assurance:invitation_detail"] = {"pk": w.s11_invitation.pk}
