"""Yearly report cycles moved to the deadlines app with their table: state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('deadlines', '0001_models_from_the_base_app'),
        ('publications', '0002_lcspr_link_and_withdrawal'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalpublication',
                    name='cycle',
                    field=models.ForeignKey(blank=True, db_constraint=False, help_text='The yearly report cycle whose deadline this report meets.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='deadlines.yearlyreportcycle'),
                ),
                migrations.AlterField(
                    model_name='publication',
                    name='cycle',
                    field=models.ForeignKey(blank=True, help_text='The yearly report cycle whose deadline this report meets.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='publications', to='deadlines.yearlyreportcycle'),
                ),
            ],
        ),
    ]
