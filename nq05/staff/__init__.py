"""Staff records: units, people, assignments, qualifications; who may see and change them."""
