"""Litvinov Atlas desktop app: a Qt window pairing the timeline, the map and the passages.

``map_page``, ``page_data``, ``palette`` and ``export_page`` have no Qt in them; the widgets
and the web view live in the other modules.
"""
