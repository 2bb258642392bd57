# The Rasa server. Rasa 3.6 runs on Python 3.10 only; its actions run in the API image.
# The model is trained here, at build time, from bot/config.yml, bot/domain.yml and bot/data
# (the generated files in bot/data are committed: `passerelle bot generate` is not needed).
FROM python:3.10.20-slim-bookworm

# No telemetry; one TensorFlow thread per operation (small hosts: no pool per core per op).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PATH=/opt/rasa/bin:$PATH \
    RASA_TELEMETRY_ENABLED=false \
    TF_CPP_MIN_LOG_LEVEL=2 \
    TF_INTRA_OP_PARALLELISM_THREADS=1 \
    TF_INTER_OP_PARALLELISM_THREADS=1 \
    PYTHONWARNINGS=ignore

RUN groupadd --system --gid 10001 rasa \
    && useradd --system --uid 10001 --gid rasa --create-home --home-dir /home/rasa \
        --shell /usr/sbin/nologin rasa

# The same pins as bot/scripts/rasa-env, in a virtualenv of their own.
COPY bot/requirements.txt bot/constraints.txt /opt/rasa-pins/
RUN python -m venv /opt/rasa \
    && pip install -c /opt/rasa-pins/constraints.txt -r /opt/rasa-pins/requirements.txt

WORKDIR /app
COPY bot/config.yml bot/domain.yml bot/credentials.yml bot/endpoints.production.yml ./
COPY bot/data ./data
# Trained as root, then read-only for the server; the graph cache is not needed at run time.
RUN rasa train --config config.yml --domain domain.yml --data data \
        --out models --fixed-model-name passerelle \
    && rm -rf .rasa

USER rasa
EXPOSE 5005
# REST channel only (credentials.yml), no --enable-api: its HTTP API exposes conversations.
CMD ["rasa", "run", "--model", "models/passerelle.tar.gz", "--endpoints", "endpoints.production.yml", "--credentials", "credentials.yml", "--interface", "0.0.0.0", "--port", "5005"]
