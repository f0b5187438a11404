"""Reference data: positions and title standards, programmes, centres, periods, targets,
indicators and the province's settings; the admin's pages for them."""
