"""A small, hand-made journey that exercises every rule of the format (shared by tests)."""

MINI = {
    "format": "litvinov-atlas/journey",
    "version": 1,
    "title": "A test journey",
    "person": {"name": "Test Person", "born": "1900-01-01", "died": "1900-12-31"},
    "sources": {"src": {"title": "A test source", "license": "CC0"}},
    "places": [
        {"id": "kiev", "name": "Kiev", "names": [{"name": "Kyiv", "lang": "uk", "from": "1995"}], "lat": 50.45, "lon": 30.52},
        {"id": "london", "name": "London", "lat": 51.5072, "lon": -0.1276},
        {"id": "petrograd", "name": "Saint Petersburg", "lat": 59.9386, "lon": 30.3141,
         "names": [{"name": "Petrograd", "from": "1914-09-01", "to": "1924-01-25"}, {"name": "Leningrad", "from": "1924-01-26", "to": "1991-09-05"}]},
    ],
    "stays": [
        {"place": "kiev", "start": "1900-01-01", "end": "1900-03", "kind": "birth", "certainty": "certain", "source": "src"},
        {"place": "london", "start": "1900-04-11", "end": "1900-06-30", "kind": "residence", "certainty": "certain", "source": "src"},
        {"place": None, "start": "1900-07", "end": "1900-08", "kind": "unknown", "certainty": "uncertain"},
        {"place": "petrograd", "start": "1900-09~", "end": "1900-12-31", "kind": "residence", "certainty": "less-certain", "source": "src"},
    ],
    "passages": [
        {"id": "a", "text": "He was born. [1]", "place": "kiev", "start": "1900-01-01", "end": "1900-01-01", "source": "src"},
        {"id": "b", "text": "In London <b>bold</b> & co.", "place": "london", "start": "1900-05", "end": "1900-05", "source": "src"},
    ],
}
