"""Contributory factors graded on the national analysis form's scale (docs/statutory-rules.md#contributory-factors).

The product used an older scale: 0 "information not available or no factors identified", 1 "factors
identified that may have contributed", 2 "factors identified that provide a complete and sufficient
explanation". The national form's scale is 0 "information not available", 1 "no factors identified,
or factors identified but unlikely to have contributed", 2 "factors identified that may have
contributed to vulnerability, ill-health or death". Recorded mapping:

- old 0 -> 0: the old grade did not say whether information was missing or no factor was found,
  so the case is shown as "information not available" for the panel to confirm;
- old 1 -> 2: "may have contributed" is the new grade 2;
- old 2 -> 2: a factor that explained the death certainly contributed to it.

Each case changed gets a history row saying so.
"""

from django.db import migrations, models
from django.utils import timezone

DOMAINS = ["factors_child", "factors_social", "factors_physical", "factors_service"]
MAPPING = {0: 0, 1: 2, 2: 2}
REASON = "Grades mapped to the national analysis form's scale (old 1 and 2 are now 2)"


def map_grades(apps, schema_editor):
    Case = apps.get_model("child_death", "ChildDeathCase")
    History = apps.get_model("child_death", "HistoricalChildDeathCase")
    fields = [f.attname for f in Case._meta.concrete_fields]
    now = timezone.now()
    for case in Case.objects.filter(
        models.Q(factors_child__in=[1, 2])
        | models.Q(factors_social__in=[1, 2])
        | models.Q(factors_physical__in=[1, 2])
        | models.Q(factors_service__in=[1, 2])
    ):
        for name in DOMAINS:
            value = getattr(case, name)
            if value is not None:
                setattr(case, name, MAPPING[value])
        Case.objects.filter(pk=case.pk).update(**{name: getattr(case, name) for name in DOMAINS})
        History.objects.create(
            **{name: getattr(case, name) for name in fields},
            history_date=now,
            history_type="~",
            history_change_reason=REASON,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('child_death', '0002_child_other_names'),
    ]

    operations = [
        migrations.RunPython(map_grades, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='childdeathcase',
            name='category',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 Deliberately inflicted injury, abuse or neglect'), (2, '2 Suicide or deliberate self-harm'), (3, '3 Trauma and other external factors'), (4, '4 Malignancy'), (5, '5 Acute medical or surgical condition'), (6, '6 Chronic medical condition'), (7, '7 Chromosomal, genetic and congenital anomalies'), (8, '8 Perinatal or neonatal event'), (9, '9 Infection'), (10, '10 Sudden unexpected, unexplained death')], null=True),
        ),
        migrations.AlterField(
            model_name='childdeathcase',
            name='factors_child',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(0, '0: information not available'), (1, '1: no factors identified, or factors identified but unlikely to have contributed'), (2, '2: factors identified that may have contributed to vulnerability, ill-health or death')], null=True, verbose_name='factors intrinsic to the child'),
        ),
        migrations.AlterField(
            model_name='childdeathcase',
            name='factors_physical',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(0, '0: information not available'), (1, '1: no factors identified, or factors identified but unlikely to have contributed'), (2, '2: factors identified that may have contributed to vulnerability, ill-health or death')], null=True, verbose_name='factors in the physical environment'),
        ),
        migrations.AlterField(
            model_name='childdeathcase',
            name='factors_service',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(0, '0: information not available'), (1, '1: no factors identified, or factors identified but unlikely to have contributed'), (2, '2: factors identified that may have contributed to vulnerability, ill-health or death')], null=True, verbose_name='factors in service provision'),
        ),
        migrations.AlterField(
            model_name='childdeathcase',
            name='factors_social',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(0, '0: information not available'), (1, '1: no factors identified, or factors identified but unlikely to have contributed'), (2, '2: factors identified that may have contributed to vulnerability, ill-health or death')], null=True, verbose_name='factors in the social environment'),
        ),
        migrations.AlterField(
            model_name='historicalchilddeathcase',
            name='category',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(1, '1 Deliberately inflicted injury, abuse or neglect'), (2, '2 Suicide or deliberate self-harm'), (3, '3 Trauma and other external factors'), (4, '4 Malignancy'), (5, '5 Acute medical or surgical condition'), (6, '6 Chronic medical condition'), (7, '7 Chromosomal, genetic and congenital anomalies'), (8, '8 Perinatal or neonatal event'), (9, '9 Infection'), (10, '10 Sudden unexpected, unexplained death')], null=True),
        ),
        migrations.AlterField(
            model_name='historicalchilddeathcase',
            name='factors_child',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(0, '0: information not available'), (1, '1: no factors identified, or factors identified but unlikely to have contributed'), (2, '2: factors identified that may have contributed to vulnerability, ill-health or death')], null=True, verbose_name='factors intrinsic to the child'),
        ),
        migrations.AlterField(
            model_name='historicalchilddeathcase',
            name='factors_physical',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(0, '0: information not available'), (1, '1: no factors identified, or factors identified but unlikely to have contributed'), (2, '2: factors identified that may have contributed to vulnerability, ill-health or death')], null=True, verbose_name='factors in the physical environment'),
        ),
        migrations.AlterField(
            model_name='historicalchilddeathcase',
            name='factors_service',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(0, '0: information not available'), (1, '1: no factors identified, or factors identified but unlikely to have contributed'), (2, '2: factors identified that may have contributed to vulnerability, ill-health or death')], null=True, verbose_name='factors in service provision'),
        ),
        migrations.AlterField(
            model_name='historicalchilddeathcase',
            name='factors_social',
            field=models.PositiveSmallIntegerField(blank=True, choices=[(0, '0: information not available'), (1, '1: no factors identified, or factors identified but unlikely to have contributed'), (2, '2: factors identified that may have contributed to vulnerability, ill-health or death')], null=True, verbose_name='factors in the social environment'),
        ),
    ]
