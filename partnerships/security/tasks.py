import logging

from celery import shared_task

from partnerships.security import retention

log = logging.getLogger(__name__)


@shared_task(name="partnerships.security.tasks.apply_retention", acks_late=True)
def apply_retention():
    """Delete or anonymise every record whose retention period has run out (beat: daily)."""
    results = retention.apply(dry_run=False)
    for r in results:
        if r.count:
            log.info("retention %s: %s %d rows before %s", r.rule.key, r.rule.action, r.count, r.cutoff)
    return {r.rule.key: r.count for r in results}
