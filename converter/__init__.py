"""Convert European Parliament texts adopted into Akoma Ntoso-style linked open data."""

__version__ = "0.1.0"
