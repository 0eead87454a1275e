# DUALRec Chat for a Hugging Face Space (sdk: docker) or any Docker host: CPU torch, SmolLM2, port 7860.
# The first start downloads MovieLens-1M from GroupLens (MD5-checked), trains the LSTM (~5 min) and converts
# SmolLM2; all of it lands in DUALREC_HOME on /data, the Space's persistent storage, so later starts are quick.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HOME=/home/user \
    PATH=/home/user/.local/bin:$PATH \
    DUALREC_HOME=/data/dualrec \
    GRADIO_SERVER_NAME=0.0.0.0 \
    GRADIO_SERVER_PORT=7860 \
    GRADIO_ANALYTICS_ENABLED=False \
    HF_HUB_DISABLE_TELEMETRY=1

# Spaces run the container as uid 1000; /data is where persistent storage is mounted.
RUN useradd --create-home --uid 1000 user \
    && mkdir -p /data \
    && chown user:user /data

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
