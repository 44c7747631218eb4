"""The post-mortem document and every rule about it. Never imports textual or rich."""
