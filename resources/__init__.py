"""Data and web assets of Litvinov Atlas, found at run time beside the ``places`` package
(see ``places.resources``), in a checkout and an installed copy alike."""
