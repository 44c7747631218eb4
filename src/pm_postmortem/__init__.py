"""pm-postmortem: run a blameless incident post-mortem live in the terminal."""

__version__ = "0.1.0"
