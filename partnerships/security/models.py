"""Recovery codes for multi-factor sign-in: single use, stored only as salted hashes."""

import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.db import models, transaction
from django.utils import timezone
from django_otp.models import Device

RECOVERY_CODE_COUNT = 10


def _new_code():
    raw = secrets.token_hex(5)  # 10 hex characters, 40 bits each
    return f"{raw[:5]}-{raw[5:]}"


def normalise(code):
    return "".join(ch for ch in (code or "").lower() if ch in "0123456789abcdef")


class RecoveryCodeDevice(Device):
    """A person's set of recovery codes, used when their authenticator app is lost."""

    def regenerate(self):
        """Replace every code with fresh ones; the plain codes are returned once and never stored."""
        with transaction.atomic():
            self.codes.all().delete()
            plain = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
            RecoveryCode.objects.bulk_create(
                [RecoveryCode(device=self, code_hash=make_password(normalise(c))) for c in plain]
            )
        return plain

    def verify_token(self, token):
        """Accept an unused code once, then mark it used (a replay is refused)."""
        wanted = normalise(token)
        if len(wanted) != 10:
            return False
        with transaction.atomic():
            for code in self.codes.select_for_update().filter(used_at__isnull=True):
                if check_password(wanted, code.code_hash):
                    code.used_at = timezone.now()
                    code.save(update_fields=["used_at"])
                    return True
        return False

    @property
    def remaining(self):
        return self.codes.filter(used_at__isnull=True).count()


class RecoveryCode(models.Model):
    """One recovery code, as a salted hash; `used_at` is set the moment it is accepted."""

    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=200)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Recovery code {self.pk} ({'used' if self.used_at else 'unused'})"
