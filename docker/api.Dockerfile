# The API and the action server: one image, the command chooses (see docker-compose.yml).
FROM python:3.11.15-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN groupadd --system --gid 10001 passerelle \
    && useradd --system --uid 10001 --gid passerelle --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin passerelle

WORKDIR /app

# Dependencies first, so that this layer is reused until the pins change: the exact versions of
# pyproject.toml, their own dependencies fixed by constraints.txt.
COPY pyproject.toml constraints.txt ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -c constraints.txt -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# Editable, so that the code finds alembic.ini, migrations/, data/, api/web/ and examples/ beside
# it (infra.config.PROJECT_ROOT); a regular install would put the code in site-packages
# without them. The files stay root-owned: the app cannot change itself.
COPY . .
RUN pip install --no-deps -e .

USER passerelle
EXPOSE 8000 5055
CMD ["passerelle", "serve", "--host", "0.0.0.0", "--port", "8000"]
