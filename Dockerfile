# DUALRec Chat for a Hugging Face Space (sdk: docker) or any Docker host: CPU torch, SmolLM2, port 7860.
# A Space's disk is wiped at every restart, so DUALREC_HOME is the container's own disk and everything that must
# survive lives elsewhere (README, "Deploying on Hugging Face"): the trained models in DUALREC_ARTEFACTS (a
# model repo or a mounted bucket, python -m training.publish), the database in DUALREC_DB_URL (PostgreSQL), the
# ratings in DUALREC_FEEDBACK_DATASET, and DUALREC_BROWSER_SECRET / DUALREC_IDENTITY_SECRET as Space secrets.
# Without them the first start downloads MovieLens-1M (MD5-checked), trains the LSTM and converts SmolLM2.
# On a Docker host, mount a volume at /home/user/dualrec to keep all of it.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOME=/home/user \
    PATH=/home/user/.local/bin:$PATH \
    DUALREC_HOME=/home/user/dualrec \
    GRADIO_SERVER_NAME=0.0.0.0 \
    GRADIO_SERVER_PORT=7860 \
    GRADIO_ANALYTICS_ENABLED=False \
    HF_HUB_DISABLE_TELEMETRY=1

# Spaces run the container as uid 1000
RUN useradd --create-home --uid 1000 user

USER 1000:1000
WORKDIR /home/user/app

# CPU torch first, from PyTorch's CPU index, so nothing ever pulls the CUDA build; then every other package at
# the version and hash that requirements.lock pins (--no-deps: nothing unlocked), as `make install` does.
RUN pip install --user --index-url https://download.pytorch.org/whl/cpu torch==2.13.0
COPY --chown=user requirements.lock requirements-nodeps.lock ./
RUN pip install --user --require-hashes --no-deps -r requirements.lock \
    && pip install --user --require-hashes --no-deps -r requirements-nodeps.lock

COPY --chown=user pyproject.toml README.md app.py ./
COPY --chown=user recommender ./recommender
COPY --chown=user training ./training
COPY --chown=user db ./db
COPY --chown=user bot ./bot
COPY --chown=user benchmarks ./benchmarks
RUN pip install --user --no-deps .

EXPOSE 7860
CMD ["python", "app.py"]
