"""pm-postmortem: run a blameless incident post-mortem live in the terminal."""

import os

__version__ = "0.1.0"

# Pydantic looks for plugins in the metadata of every installed package when the first model is
# defined, which costs tens of milliseconds at each start. This application uses none; anyone who
# needs one sets PYDANTIC_DISABLE_PLUGINS themselves (e.g. to an empty string).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
