"""DUALRec library: MovieLens data -> LSTM -> (later) prompt, LLM, parsing, matching. No UI, no SQL."""
