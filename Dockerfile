FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
      libharfbuzz0b fonts-liberation2 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml scripts/pip_install.py scripts/
RUN python scripts/pip_install.py
COPY . .
ENV DJANGO_SETTINGS_MODULE=config.settings.production PYTHONUNBUFFERED=1
RUN DJANGO_SECRET_KEY=build-only-$(python -c 'import secrets;print(secrets.token_urlsafe(50))') \
    SITE_URL=https://build-only.invalid \
    python manage.py collectstatic --noinput
USER nobody
CMD ["gunicorn", "config.wsgi", "--workers", "2", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
