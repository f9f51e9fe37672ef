"""Data and web assets of Litvinov Atlas, found at run time through importlib.resources."""
