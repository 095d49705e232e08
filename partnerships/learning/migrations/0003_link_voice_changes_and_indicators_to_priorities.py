"""Link "you said, we did" and indicators to the partnership's recorded priorities.

The free text each held becomes `priority_text`; where it names exactly one of the partnership's
priorities (same title, any year, ignoring case and spaces at either end) the record is linked to
that priority and the text is cleared, else the text is kept as it was typed.
"""

import django.db.models.deletion
from django.db import migrations, models

import partnerships.core.identity


def _link(model, partnership_path, Priority):
    priorities = {}
    for pk, partnership_id, title in Priority.objects.values_list("pk", "partnership_id", "title"):
        priorities.setdefault((partnership_id, title.strip().casefold()), []).append(pk)
    rows = model.objects.exclude(priority_text="").values_list("pk", partnership_path, "priority_text")
    for pk, partnership_id, text in rows:
        matches = priorities.get((partnership_id, text.strip().casefold()), [])
        if len(matches) == 1:
            model.objects.filter(pk=pk).update(priority_id=matches[0], priority_text="")


def link_to_priorities(apps, schema_editor):
    Priority = apps.get_model("governance", "Priority")
    _link(apps.get_model("learning", "YouSaidWeDid"), "activity__partnership_id", Priority)
    _link(apps.get_model("learning", "Indicator"), "partnership_id", Priority)


def unlink_priorities(apps, schema_editor):
    for name in ("YouSaidWeDid", "Indicator"):
        model = apps.get_model("learning", name)
        for row in model.objects.filter(priority__isnull=False).select_related("priority"):
            model.objects.filter(pk=row.pk).update(priority_text=row.priority.title, priority=None)


VOICE_TEXT = models.CharField(
    "Priority (as first typed)",
    max_length=255,
    blank=True,
    validators=[partnerships.core.identity.no_child_identity],
    help_text="The priority as it was typed before changes were linked to recorded priorities.",
)
INDICATOR_TEXT = models.CharField(
    "Priority (as first typed)",
    max_length=255,
    blank=True,
    help_text="The priority as it was typed before indicators were linked to recorded priorities.",
)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_constraints_speak_plain_words"),
        ("learning", "0002_constraints_speak_plain_words"),
    ]

    operations = [
        *(
            migrations.RenameField(model_name=name, old_name="priority", new_name="priority_text")
            for name in ("yousaidwedid", "historicalyousaidwedid", "indicator", "historicalindicator")
        ),
        migrations.AlterField(model_name="yousaidwedid", name="priority_text", field=VOICE_TEXT),
        migrations.AlterField(model_name="historicalyousaidwedid", name="priority_text", field=VOICE_TEXT),
        migrations.AlterField(model_name="indicator", name="priority_text", field=INDICATOR_TEXT),
        migrations.AlterField(model_name="historicalindicator", name="priority_text", field=INDICATOR_TEXT),
        migrations.AddField(
            model_name="yousaidwedid",
            name="priority",
            field=models.ForeignKey(
                blank=True,
                help_text="The partnership priority it affected.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="voice_changes",
                to="governance.priority",
            ),
        ),
        migrations.AddField(
            model_name="historicalyousaidwedid",
            name="priority",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The partnership priority it affected.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="governance.priority",
            ),
        ),
        migrations.AddField(
            model_name="indicator",
            name="priority",
            field=models.ForeignKey(
                blank=True,
                help_text="The partnership priority the indicator measures, if any.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="indicators",
                to="governance.priority",
            ),
        ),
        migrations.AddField(
            model_name="historicalindicator",
            name="priority",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The partnership priority the indicator measures, if any.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="governance.priority",
            ),
        ),
        migrations.RunPython(link_to_priorities, unlink_priorities),
    ]
