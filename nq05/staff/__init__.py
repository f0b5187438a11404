"""Staff records: units, positions and their title standards, people, assignments, qualifications."""
