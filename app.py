"""Hugging Face Spaces (and Docker) entry point: the DUALRec chat on $GRADIO_SERVER_NAME:$GRADIO_SERVER_PORT.

Everything is configured by environment variables (bot/config.py); locally, `make run` does the same."""
import sys

from bot.app import main

if __name__ == "__main__":
    sys.exit(main())
