"""SQL helpers shared by the features: check constraints from the code lists, level ranks, dates."""
