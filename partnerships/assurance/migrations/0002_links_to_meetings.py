"""The scrutiny and Section 11 models' links to meetings (state only, as 0001)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('assurance', '0001_models_from_the_base_app'),
        ('governance', '0001_models_from_the_base_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name='historicalscrutinyactivity',
                    name='meeting',
                    field=models.ForeignKey(blank=True, db_constraint=False, help_text='The meeting observed or whose minutes were reviewed.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='governance.meeting'),
                ),
                migrations.AddField(
                    model_name='historicalscrutinyactivity',
                    name='partnership',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership'),
                ),
                migrations.AddField(
                    model_name='historicalscrutinyactivity',
                    name='scrutineer',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name='historicalscrutinyfinding',
                    name='addressed_to',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.organisation'),
                ),
                migrations.AddField(
                    model_name='historicalscrutinyfinding',
                    name='history_user',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name='historicalscrutinyfinding',
                    name='response_by',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name='returnanswer',
                    name='agency_return',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='assurance.agencyreturn'),
                ),
                migrations.AddField(
                    model_name='returnanswer',
                    name='standard',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='assurance.assurancestandard'),
                ),
                migrations.AddField(
                    model_name='scrutinyactivity',
                    name='meeting',
                    field=models.ForeignKey(blank=True, help_text='The meeting observed or whose minutes were reviewed.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='scrutiny_activities', to='governance.meeting'),
                ),
                migrations.AddField(
                    model_name='scrutinyactivity',
                    name='partnership',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scrutiny_activities', to='partnerships.partnership'),
                ),
                migrations.AddField(
                    model_name='scrutinyactivity',
                    name='scrutineer',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name='historicalscrutinyfinding',
                    name='activity',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assurance.scrutinyactivity'),
                ),
                migrations.AddField(
                    model_name='scrutinyfinding',
                    name='activity',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='assurance.scrutinyactivity'),
                ),
                migrations.AddField(
                    model_name='scrutinyfinding',
                    name='addressed_to',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.organisation'),
                ),
                migrations.AddField(
                    model_name='scrutinyfinding',
                    name='response_by',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name='historicalchallenge',
                    name='finding',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assurance.scrutinyfinding'),
                ),
                migrations.AddField(
                    model_name='challenge',
                    name='finding',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='challenges', to='assurance.scrutinyfinding'),
                ),
                migrations.AddConstraint(
                    model_name='agencyreturn',
                    constraint=models.UniqueConstraint(fields=('cycle', 'organisation'), name='return_once_per_agency_per_cycle'),
                ),
                migrations.AddConstraint(
                    model_name='assurancestandard',
                    constraint=models.UniqueConstraint(fields=('cycle', 'number'), name='standard_number_unique_per_cycle'),
                ),
                migrations.AddConstraint(
                    model_name='returnanswer',
                    constraint=models.UniqueConstraint(fields=('agency_return', 'standard'), name='answer_once_per_standard'),
                ),
                migrations.AddConstraint(
                    model_name='returnanswer',
                    constraint=models.CheckConstraint(condition=models.Q(('self_score__isnull', True), ('self_score__lte', 3), _connector='OR'), name='answer_self_score_0_3'),
                ),
                migrations.AddConstraint(
                    model_name='returnanswer',
                    constraint=models.CheckConstraint(condition=models.Q(('moderated_score__isnull', True), ('moderated_score__lte', 3), _connector='OR'), name='answer_moderated_score_0_3'),
                ),
                migrations.AddConstraint(
                    model_name='challenge',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'closed'), _negated=True), models.Q(('closed_on__isnull', False), models.Q(('outcome', ''), _negated=True)), _connector='OR'), name='challenge_closed_has_outcome'),
                ),
            ],
        ),
    ]
