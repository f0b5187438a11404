"""Annual training plans: versions, lines and the people named on them."""
