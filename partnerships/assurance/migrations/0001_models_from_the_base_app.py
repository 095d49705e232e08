"""The scrutiny and Section 11 models move here from the base app with their tables: this records them in the
migration state only; the database keeps every table and row (the base app's 0007 removes them
from its own state and renames their content types).
Simple-history's table for the cycles' partnerships is named after the app, so it is renamed."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('partnerships', '0006_reminder_no_duplicate_fk_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE partnerships_historicalassurancecycle_partnerships RENAME TO assurance_historicalassurancecycle_partnerships",
                    "ALTER TABLE assurance_historicalassurancecycle_partnerships RENAME TO partnerships_historicalassurancecycle_partnerships",
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalScrutinyFinding',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('reference', models.CharField(blank=True, max_length=30)),
                        ('finding', models.TextField()),
                        ('recommendation', models.TextField(blank=True)),
                        ('status', models.CharField(choices=[('awaiting_response', "Awaiting the partners' response"), ('accepted', 'Accepted'), ('partly_accepted', 'Partly accepted'), ('not_accepted', 'Not accepted')], default='awaiting_response', max_length=20)),
                        ('response', models.TextField(blank=True, verbose_name="Partners' response")),
                        ('responded_on', models.DateField(blank=True, null=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ],
                    options={
                        'verbose_name': 'historical scrutiny finding',
                        'verbose_name_plural': 'historical scrutiny findings',
                        'db_table': 'partnerships_historicalscrutinyfinding',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='ReturnAnswer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('self_score', models.PositiveSmallIntegerField(blank=True, choices=[(0, '0: not met'), (1, '1: partly met'), (2, '2: mostly met'), (3, '3: fully met')], null=True)),
                        ('evidence', models.TextField(blank=True)),
                        ('actions', models.TextField(blank=True, verbose_name="Agency's actions")),
                        ('moderated_score', models.PositiveSmallIntegerField(blank=True, choices=[(0, '0: not met'), (1, '1: partly met'), (2, '2: mostly met'), (3, '3: fully met')], null=True)),
                        ('moderation_note', models.TextField(blank=True)),
                    ],
                    options={
                        'db_table': 'partnerships_returnanswer',
                        'ordering': ['agency_return', 'standard__number'],
                    },
                ),
                migrations.CreateModel(
                    name='ScrutinyActivity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('observation', 'Observation of a meeting'), ('minutes_review', 'Review of minutes'), ('case_audit', 'Case audit'), ('peer_review', 'Peer review'), ('engagement', 'Engagement with children, young people and families'), ('other', 'Other')], max_length=20)),
                        ('title', models.CharField(max_length=255)),
                        ('carried_out_on', models.DateField(db_index=True)),
                        ('summary', models.TextField(blank=True)),
                    ],
                    options={
                        'verbose_name_plural': 'scrutiny activities',
                        'db_table': 'partnerships_scrutinyactivity',
                        'ordering': ['-carried_out_on', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ScrutinyFinding',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reference', models.CharField(blank=True, max_length=30)),
                        ('finding', models.TextField()),
                        ('recommendation', models.TextField(blank=True)),
                        ('status', models.CharField(choices=[('awaiting_response', "Awaiting the partners' response"), ('accepted', 'Accepted'), ('partly_accepted', 'Partly accepted'), ('not_accepted', 'Not accepted')], default='awaiting_response', max_length=20)),
                        ('response', models.TextField(blank=True, verbose_name="Partners' response")),
                        ('responded_on', models.DateField(blank=True, null=True)),
                    ],
                    options={
                        'db_table': 'partnerships_scrutinyfinding',
                        'ordering': ['activity', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='AssuranceCycle',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=255)),
                        ('opens_on', models.DateField()),
                        ('due_on', models.DateField()),
                        ('status', models.CharField(choices=[('open', 'Open'), ('closed', 'Closed')], default='open', max_length=10)),
                        ('partnership', models.ForeignKey(help_text='The partnership whose business unit runs the cycle.', on_delete=django.db.models.deletion.CASCADE, related_name='assurance_cycles_led', to='partnerships.partnership')),
                        ('partnerships', models.ManyToManyField(help_text='Every partnership taking part.', related_name='assurance_cycles', to='partnerships.partnership')),
                    ],
                    options={
                        'db_table': 'partnerships_assurancecycle',
                        'ordering': ['-opens_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='AgencyReturn',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('not_started', 'Not started'), ('draft', 'Draft'), ('submitted', 'Submitted'), ('moderated', 'Moderated')], default='not_started', max_length=20)),
                        ('submitted_on', models.DateField(blank=True, null=True)),
                        ('moderated_on', models.DateField(blank=True, null=True)),
                        ('moderation_summary', models.TextField(blank=True)),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='section11_returns', to='partnerships.organisation')),
                        ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='returns', to='assurance.assurancecycle')),
                    ],
                    options={
                        'verbose_name': 'Section 11 return',
                        'db_table': 'partnerships_agencyreturn',
                        'ordering': ['cycle', 'organisation__name'],
                    },
                ),
                migrations.CreateModel(
                    name='AssuranceStandard',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.PositiveSmallIntegerField()),
                        ('title', models.CharField(max_length=255)),
                        ('description', models.TextField(blank=True)),
                        ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='standards', to='assurance.assurancecycle')),
                    ],
                    options={
                        'db_table': 'partnerships_assurancestandard',
                        'ordering': ['cycle', 'number'],
                    },
                ),
                migrations.CreateModel(
                    name='Challenge',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reference', models.CharField(blank=True, max_length=30)),
                        ('subject', models.CharField(max_length=255)),
                        ('detail', models.TextField()),
                        ('raised_on', models.DateField()),
                        ('raised_by_name', models.CharField(help_text='Who raised it, e.g. the independent scrutineer.', max_length=200)),
                        ('status', models.CharField(choices=[('open', 'Open'), ('responded', 'Responded'), ('escalated', 'Escalated'), ('closed', 'Closed')], default='open', max_length=20)),
                        ('outcome', models.TextField(blank=True)),
                        ('closed_on', models.DateField(blank=True, null=True)),
                        ('addressed_to', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='partnerships.organisation')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='challenges', to='partnerships.partnership')),
                    ],
                    options={
                        'db_table': 'partnerships_challenge',
                        'ordering': ['-raised_on', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ChallengeStep',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('note', 'Note'), ('response', 'Response'), ('escalation', 'Escalation'), ('closure', 'Closure')], max_length=20)),
                        ('text', models.TextField()),
                        ('on', models.DateField(default=django.utils.timezone.localdate)),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('challenge', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='steps', to='assurance.challenge')),
                    ],
                    options={
                        'db_table': 'partnerships_challengestep',
                        'ordering': ['on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalAgencyReturn',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('status', models.CharField(choices=[('not_started', 'Not started'), ('draft', 'Draft'), ('submitted', 'Submitted'), ('moderated', 'Moderated')], default='not_started', max_length=20)),
                        ('submitted_on', models.DateField(blank=True, null=True)),
                        ('moderated_on', models.DateField(blank=True, null=True)),
                        ('moderation_summary', models.TextField(blank=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('cycle', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assurance.assurancecycle')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.organisation')),
                        ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical Section 11 return',
                        'verbose_name_plural': 'historical Section 11 returns',
                        'db_table': 'partnerships_historicalagencyreturn',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalAssuranceCycle',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('title', models.CharField(max_length=255)),
                        ('opens_on', models.DateField()),
                        ('due_on', models.DateField()),
                        ('status', models.CharField(choices=[('open', 'Open'), ('closed', 'Closed')], default='open', max_length=10)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('partnership', models.ForeignKey(blank=True, db_constraint=False, help_text='The partnership whose business unit runs the cycle.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership')),
                    ],
                    options={
                        'verbose_name': 'historical assurance cycle',
                        'verbose_name_plural': 'historical assurance cycles',
                        'db_table': 'partnerships_historicalassurancecycle',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalAssuranceCycle_partnerships',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('assurancecycle', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assurance.assurancecycle')),
                        ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='assurance.historicalassurancecycle')),
                        ('partnership', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership')),
                    ],
                    options={
                        'verbose_name': 'HistoricalAssuranceCycle_partnerships',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalAssuranceStandard',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('number', models.PositiveSmallIntegerField()),
                        ('title', models.CharField(max_length=255)),
                        ('description', models.TextField(blank=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('cycle', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assurance.assurancecycle')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical assurance standard',
                        'verbose_name_plural': 'historical assurance standards',
                        'db_table': 'partnerships_historicalassurancestandard',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalChallenge',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('reference', models.CharField(blank=True, max_length=30)),
                        ('subject', models.CharField(max_length=255)),
                        ('detail', models.TextField()),
                        ('raised_on', models.DateField()),
                        ('raised_by_name', models.CharField(help_text='Who raised it, e.g. the independent scrutineer.', max_length=200)),
                        ('status', models.CharField(choices=[('open', 'Open'), ('responded', 'Responded'), ('escalated', 'Escalated'), ('closed', 'Closed')], default='open', max_length=20)),
                        ('outcome', models.TextField(blank=True)),
                        ('closed_on', models.DateField(blank=True, null=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('addressed_to', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.organisation')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('partnership', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership')),
                    ],
                    options={
                        'verbose_name': 'historical challenge',
                        'verbose_name_plural': 'historical challenges',
                        'db_table': 'partnerships_historicalchallenge',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalChallengeStep',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('note', 'Note'), ('response', 'Response'), ('escalation', 'Escalation'), ('closure', 'Closure')], max_length=20)),
                        ('text', models.TextField()),
                        ('on', models.DateField(default=django.utils.timezone.localdate)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('author', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('challenge', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assurance.challenge')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical challenge step',
                        'verbose_name_plural': 'historical challenge steps',
                        'db_table': 'partnerships_historicalchallengestep',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalReturnAnswer',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('self_score', models.PositiveSmallIntegerField(blank=True, choices=[(0, '0: not met'), (1, '1: partly met'), (2, '2: mostly met'), (3, '3: fully met')], null=True)),
                        ('evidence', models.TextField(blank=True)),
                        ('actions', models.TextField(blank=True, verbose_name="Agency's actions")),
                        ('moderated_score', models.PositiveSmallIntegerField(blank=True, choices=[(0, '0: not met'), (1, '1: partly met'), (2, '2: mostly met'), (3, '3: fully met')], null=True)),
                        ('moderation_note', models.TextField(blank=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('agency_return', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assurance.agencyreturn')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('standard', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assurance.assurancestandard')),
                    ],
                    options={
                        'verbose_name': 'historical return answer',
                        'verbose_name_plural': 'historical return answers',
                        'db_table': 'partnerships_historicalreturnanswer',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalScrutinyActivity',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('observation', 'Observation of a meeting'), ('minutes_review', 'Review of minutes'), ('case_audit', 'Case audit'), ('peer_review', 'Peer review'), ('engagement', 'Engagement with children, young people and families'), ('other', 'Other')], max_length=20)),
                        ('title', models.CharField(max_length=255)),
                        ('carried_out_on', models.DateField(db_index=True)),
                        ('summary', models.TextField(blank=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical scrutiny activity',
                        'verbose_name_plural': 'historical scrutiny activities',
                        'db_table': 'partnerships_historicalscrutinyactivity',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
        ),
    ]
