"""Credentials kept by the security app: recovery codes for multi-factor sign-in (single use,
stored only as salted hashes) and API tokens (stored only as hashes)."""

import enum
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models, transaction
from django.utils import timezone
from django_otp.models import Device
from simple_history.models import HistoricalRecords

from partnerships.core.choices import TaggedChoices

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


# ---- API tokens ----

# A label marking our tokens in logs and secret scanners, not a secret (bandit B105 explained).
TOKEN_PREFIX = "sp_"  # noqa: S105  # nosec B105
TOKEN_DEFAULT_DAYS = 90
TOKEN_MAX_DAYS = 365
TOKEN_EXPIRY_CHOICES = (7, 30, 90, 180, 365)


def hash_token(raw):
    """SHA-256 of the whole token. The secret is 256 random bits, so a fast unsalted hash is safe
    (nothing to guess from it) and lets a request find its row by one indexed lookup."""
    return hashlib.sha256(raw.encode()).hexdigest()


class TokenScope(models.TextChoices):
    READ = "read", "Read only"
    READ_WRITE = "read_write", "Read and write"


class TokenStatus(TaggedChoices):
    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"

    colours = enum.nonmember({"active": "green", "expired": "grey", "revoked": "red"})


class ApiTokenQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user)

    def usable(self, now=None):
        """Not revoked and not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


class ApiToken(models.Model):
    """A person's API token: named, read-only or read-write, limited to chosen partnerships,
    expiring. Only a hash of it is stored; the token itself is shown once, when it is made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, so you can tell tokens apart.")
    scope = models.CharField(max_length=20, choices=TokenScope.choices, default=TokenScope.READ)
    partnerships = models.ManyToManyField("partnerships.Partnership", related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=16, help_text="The first characters of the token, to recognise it.")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()
    # Each use sets last_used_at with an UPDATE (no history row per request).
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
                violation_error_message="A token must expire after it is made.",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @property
    def allows_writes(self):
        """Read by the API's permission class: a read-only token is refused any unsafe method."""
        return self.scope == TokenScope.READ_WRITE

    def is_usable(self, now=None):
        return self.revoked_at is None and self.expires_at > (now or timezone.now())

    @property
    def status(self):
        if self.revoked_at is not None:
            return TokenStatus.REVOKED
        return TokenStatus.ACTIVE if self.is_usable() else TokenStatus.EXPIRED
