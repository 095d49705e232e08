"""The deadline register's models move here from the base app with their tables: this records them in the
migration state only; the database keeps every table and row (the base app's 0007 removes them
from its own state and renames their content types)."""

import datetime
import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('partnerships', '0006_reminder_no_duplicate_fk_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ClosureDay',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField(unique=True)),
                        ('name', models.CharField(max_length=200)),
                    ],
                    options={
                        'db_table': 'partnerships_closureday',
                        'ordering': ['date'],
                    },
                ),
                migrations.CreateModel(
                    name='Deadline',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(db_index=True, help_text='A registered deadline kind.', max_length=60)),
                        ('title', models.CharField(max_length=255)),
                        ('source_id', models.PositiveBigIntegerField()),
                        ('source_label', models.CharField(blank=True, max_length=255)),
                        ('source_url', models.CharField(blank=True, max_length=500)),
                        ('rule', models.CharField(help_text='How the due date is computed.', max_length=255)),
                        ('authority', models.CharField(blank=True, help_text='The statute or guidance behind it.', max_length=255)),
                        ('starts_on', models.DateField(blank=True, null=True)),
                        ('due_date', models.DateField(db_index=True)),
                        ('met_on', models.DateField(blank=True, null=True)),
                        ('is_active', models.BooleanField(default=True, help_text='False when the obligation no longer applies.')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('owner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='deadlines', to=settings.AUTH_USER_MODEL)),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deadlines', to='partnerships.partnership')),
                        ('source_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                    ],
                    options={
                        'db_table': 'partnerships_deadline',
                        'ordering': ['due_date', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalArrangementsTimetable',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('publish_by', models.DateField(default=datetime.date(2019, 6, 29), help_text='When the arrangements had to be published.')),
                        ('operate_by', models.DateField(default=datetime.date(2019, 9, 29), help_text="When the arrangements had to be in operation, as the partnership's paper says.")),
                        ('timetable_source', models.CharField(blank=True, help_text='Where these dates come from, e.g. a Cabinet paper and paragraph.', max_length=255)),
                        ('serious_case_reviews_outstanding', models.PositiveSmallIntegerField(blank=True, help_text='Serious case reviews the board left unfinished when the arrangements began (blank: not yet recorded; 0: none, so no grace period applies).', null=True)),
                        ('serious_case_reviews_completed_on', models.DateField(blank=True, help_text='When the last of them was completed and published.', null=True)),
                        ('child_death_reviews_outstanding', models.PositiveSmallIntegerField(blank=True, help_text='Child death reviews under way when the arrangements began (blank: not yet recorded).', null=True)),
                        ('child_death_reviews_completed_on', models.DateField(blank=True, help_text='When the last of them was completed.', null=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('owner', models.ForeignKey(blank=True, db_constraint=False, help_text='Who answers for these dates and the yearly report; blank: the business-unit manager.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('partnership', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership')),
                    ],
                    options={
                        'verbose_name': 'historical arrangements timetable',
                        'verbose_name_plural': 'historical arrangements timetables',
                        'db_table': 'partnerships_historicalarrangementstimetable',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalCalendarFeed',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('key', models.CharField(db_index=True, help_text='The public part of the address.', max_length=32)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('revoked_at', models.DateTimeField(blank=True, null=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical calendar feed',
                        'verbose_name_plural': 'historical calendar feeds',
                        'db_table': 'partnerships_historicalcalendarfeed',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalClosureDay',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('date', models.DateField(db_index=True)),
                        ('name', models.CharField(max_length=200)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical closure day',
                        'verbose_name_plural': 'historical closure days',
                        'db_table': 'partnerships_historicalclosureday',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalDeadline',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('kind', models.CharField(db_index=True, help_text='A registered deadline kind.', max_length=60)),
                        ('title', models.CharField(max_length=255)),
                        ('source_id', models.PositiveBigIntegerField()),
                        ('source_label', models.CharField(blank=True, max_length=255)),
                        ('source_url', models.CharField(blank=True, max_length=500)),
                        ('rule', models.CharField(help_text='How the due date is computed.', max_length=255)),
                        ('authority', models.CharField(blank=True, help_text='The statute or guidance behind it.', max_length=255)),
                        ('starts_on', models.DateField(blank=True, null=True)),
                        ('due_date', models.DateField(db_index=True)),
                        ('met_on', models.DateField(blank=True, null=True)),
                        ('is_active', models.BooleanField(default=True, help_text='False when the obligation no longer applies.')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('owner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('partnership', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership')),
                        ('source_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'historical deadline',
                        'verbose_name_plural': 'historical deadlines',
                        'db_table': 'partnerships_historicaldeadline',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalReminderRule',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('kind', models.CharField(help_text='A registered deadline kind.', max_length=60)),
                        ('lead_days', models.CharField(default='5, 2, 1, 0', help_text='Working days before the due date to remind the owner, separated by commas (0: on the day).', max_length=60)),
                        ('escalate_to_manager_after', models.PositiveSmallIntegerField(blank=True, default=1, help_text='Working days overdue before the business-unit manager is told.', null=True)),
                        ('escalate_to_leads_after', models.PositiveSmallIntegerField(blank=True, default=5, help_text='Working days overdue before the partner leads are told.', null=True)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('partnership', models.ForeignKey(blank=True, db_constraint=False, help_text='Blank: every partnership without a rule of its own.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership')),
                    ],
                    options={
                        'verbose_name': 'historical reminder rule',
                        'verbose_name_plural': 'historical reminder rules',
                        'db_table': 'partnerships_historicalreminderrule',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='HistoricalYearlyReportCycle',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('starts_on', models.DateField(help_text="When the 12 months began: the arrangements' start for the first report, the previous report's publication after that.")),
                        ('published_on', models.DateField(blank=True, null=True)),
                        ('sent_on', models.DateField(blank=True, help_text='When it was sent to the Panel and the What Works Centre.', null=True)),
                        ('report_url', models.URLField(blank=True, help_text='Where the published report can be read.')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('partnership', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partnerships.partnership')),
                    ],
                    options={
                        'verbose_name': 'historical yearly report cycle',
                        'verbose_name_plural': 'historical yearly report cycles',
                        'db_table': 'partnerships_historicalyearlyreportcycle',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Reminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('step', models.CharField(choices=[('lead', 'Reminder to the owner'), ('manager', 'Escalation to the business-unit manager'), ('leads', 'Escalation to the partner leads')], max_length=20)),
                        ('days', models.SmallIntegerField(help_text='Working days before (reminder) or after (escalation) the due date.')),
                        ('due_date', models.DateField(help_text="The deadline's due date when this reminder was recorded.")),
                        ('email', models.EmailField(blank=True, help_text='The address it goes to, as it was when recorded.', max_length=254)),
                        ('subject', models.CharField(max_length=255)),
                        ('body', models.TextField()),
                        ('url', models.CharField(blank=True, max_length=500)),
                        ('status', models.CharField(choices=[('pending', 'Waiting to be sent'), ('sending', 'Being sent'), ('sent', 'Sent'), ('in_app_only', 'Shown in the app only (no email address)'), ('cancelled', 'Cancelled (no longer applied when its turn came)'), ('failed', 'Failed (gave up after repeated errors)')], default='pending', max_length=20)),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('queued_at', models.DateTimeField(blank=True, help_text='When a task was last queued for it.', null=True)),
                        ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('claimed_at', models.DateTimeField(blank=True, null=True)),
                        ('claim_token', models.UUIDField(blank=True, null=True)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('last_error', models.TextField(blank=True)),
                        ('deadline', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='deadlines.deadline')),
                        ('notification', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reminder', to='partnerships.notification')),
                        ('partnership', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='partnerships.partnership')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'partnerships_reminder',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ReminderRule',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(help_text='A registered deadline kind.', max_length=60)),
                        ('lead_days', models.CharField(default='5, 2, 1, 0', help_text='Working days before the due date to remind the owner, separated by commas (0: on the day).', max_length=60)),
                        ('escalate_to_manager_after', models.PositiveSmallIntegerField(blank=True, default=1, help_text='Working days overdue before the business-unit manager is told.', null=True)),
                        ('escalate_to_leads_after', models.PositiveSmallIntegerField(blank=True, default=5, help_text='Working days overdue before the partner leads are told.', null=True)),
                        ('partnership', models.ForeignKey(blank=True, help_text='Blank: every partnership without a rule of its own.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reminder_rules', to='partnerships.partnership')),
                    ],
                    options={
                        'db_table': 'partnerships_reminderrule',
                        'ordering': ['kind', 'partnership'],
                    },
                ),
                migrations.CreateModel(
                    name='YearlyReportCycle',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('starts_on', models.DateField(help_text="When the 12 months began: the arrangements' start for the first report, the previous report's publication after that.")),
                        ('published_on', models.DateField(blank=True, null=True)),
                        ('sent_on', models.DateField(blank=True, help_text='When it was sent to the Panel and the What Works Centre.', null=True)),
                        ('report_url', models.URLField(blank=True, help_text='Where the published report can be read.')),
                        ('partnership', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='yearly_report_cycles', to='partnerships.partnership')),
                    ],
                    options={
                        'db_table': 'partnerships_yearlyreportcycle',
                        'ordering': ['partnership', 'starts_on'],
                    },
                ),
                migrations.CreateModel(
                    name='ArrangementsTimetable',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('publish_by', models.DateField(default=datetime.date(2019, 6, 29), help_text='When the arrangements had to be published.')),
                        ('operate_by', models.DateField(default=datetime.date(2019, 9, 29), help_text="When the arrangements had to be in operation, as the partnership's paper says.")),
                        ('timetable_source', models.CharField(blank=True, help_text='Where these dates come from, e.g. a Cabinet paper and paragraph.', max_length=255)),
                        ('serious_case_reviews_outstanding', models.PositiveSmallIntegerField(blank=True, help_text='Serious case reviews the board left unfinished when the arrangements began (blank: not yet recorded; 0: none, so no grace period applies).', null=True)),
                        ('serious_case_reviews_completed_on', models.DateField(blank=True, help_text='When the last of them was completed and published.', null=True)),
                        ('child_death_reviews_outstanding', models.PositiveSmallIntegerField(blank=True, help_text='Child death reviews under way when the arrangements began (blank: not yet recorded).', null=True)),
                        ('child_death_reviews_completed_on', models.DateField(blank=True, help_text='When the last of them was completed.', null=True)),
                        ('owner', models.ForeignKey(blank=True, help_text='Who answers for these dates and the yearly report; blank: the business-unit manager.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('partnership', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='timetable', to='partnerships.partnership')),
                    ],
                    options={
                        'db_table': 'partnerships_arrangementstimetable',
                        'ordering': ['partnership'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('operate_by__gte', models.F('publish_by'))), name='timetable_operate_after_publish')],
                    },
                ),
                migrations.CreateModel(
                    name='CalendarFeed',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(help_text='The public part of the address.', max_length=32, unique=True)),
                        ('secret_hash', models.CharField(max_length=64)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('revoked_at', models.DateTimeField(blank=True, null=True)),
                        ('last_used_at', models.DateTimeField(blank=True, null=True)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feeds', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'partnerships_calendarfeed',
                        'ordering': ['-created_at', '-pk'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('revoked_at__isnull', True)), fields=('user',), name='calendar_feed_one_active_per_user')],
                    },
                ),
                migrations.AddIndex(
                    model_name='deadline',
                    index=models.Index(fields=['is_active', 'met_on', 'due_date'], name='deadline_outstanding_due'),
                ),
                migrations.AddIndex(
                    model_name='deadline',
                    index=models.Index(fields=['partnership', 'due_date'], name='deadline_partnership_due'),
                ),
                migrations.AddConstraint(
                    model_name='deadline',
                    constraint=models.UniqueConstraint(fields=('source_type', 'source_id', 'kind'), name='deadline_unique_per_source_kind'),
                ),
                migrations.AddIndex(
                    model_name='reminder',
                    index=models.Index(fields=['status', 'next_attempt_at'], name='reminder_status_next'),
                ),
                migrations.AddIndex(
                    model_name='reminder',
                    index=models.Index(fields=['partnership', 'created_at'], name='reminder_partnership_created'),
                ),
                migrations.AddConstraint(
                    model_name='reminder',
                    constraint=models.UniqueConstraint(fields=('deadline', 'step', 'days', 'due_date', 'recipient'), name='reminder_unique_key'),
                ),
                migrations.AddConstraint(
                    model_name='reminder',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'sent'), _negated=True), ('sent_at__isnull', False), _connector='OR'), name='reminder_sent_has_time'),
                ),
                migrations.AddConstraint(
                    model_name='reminderrule',
                    constraint=models.UniqueConstraint(condition=models.Q(('partnership__isnull', False)), fields=('kind', 'partnership'), name='reminder_rule_unique_per_partnership'),
                ),
                migrations.AddConstraint(
                    model_name='reminderrule',
                    constraint=models.UniqueConstraint(condition=models.Q(('partnership__isnull', True)), fields=('kind',), name='reminder_rule_unique_default'),
                ),
                migrations.AddConstraint(
                    model_name='yearlyreportcycle',
                    constraint=models.UniqueConstraint(fields=('partnership', 'starts_on'), name='yearly_report_cycle_unique_start'),
                ),
                migrations.AddConstraint(
                    model_name='yearlyreportcycle',
                    constraint=models.CheckConstraint(condition=models.Q(('published_on__isnull', True), ('published_on__gte', models.F('starts_on')), _connector='OR'), name='yearly_report_published_after_start'),
                ),
                migrations.AddConstraint(
                    model_name='yearlyreportcycle',
                    constraint=models.CheckConstraint(condition=models.Q(('sent_on__isnull', True), models.Q(('published_on__isnull', False), ('sent_on__gte', models.F('published_on'))), _connector='OR'), name='yearly_report_sent_after_published'),
                ),
            ],
        ),
    ]
