"""Places: a light gazetteer built from registry packages, and place mentions in text."""
from .index import (DEFAULT_MIN_POPULATION, Place, PlaceIndex, fold, name_key, skeleton_key,
                    stripped_key)
from .mentions import PlaceMention, choose_location, find_places

__all__ = ["DEFAULT_MIN_POPULATION", "Place", "PlaceIndex", "PlaceMention", "choose_location",
           "find_places", "fold", "name_key", "skeleton_key", "stripped_key"]
