"""Litvinov Atlas data and geography: journeys, fuzzy dates, itineraries, legs, gazetteer.

Pure Python: never imports Qt or folium, so everything a person can ask without a window
works here, with a command line (``python -m places``).
"""
from .dates import DateError, FuzzyDate, Precision, day_label, day_of, iso, span_label
from .errors import JourneyError, Problem
from .itinerary import Itinerary, Status, Whereabouts
from .legs import Leg, Odometer, build_legs
from .loader import journey_from_data, load_journey
from .model import AltName, Journey, Passage, Person, Place, Source, Stay
from .resources import bundled_journey_path, resource_path
from .serialize import correct_passage, journey_to_data, save_journey

__all__ = [
    "AltName", "DateError", "FuzzyDate", "Itinerary", "Journey", "JourneyError", "Leg", "Odometer",
    "Passage", "Person", "Place", "Precision", "Problem", "Source", "Status", "Stay", "Whereabouts",
    "build_legs", "bundled_journey_path", "day_label", "day_of", "iso", "journey_from_data",
    "load_journey", "resource_path", "span_label",
]
