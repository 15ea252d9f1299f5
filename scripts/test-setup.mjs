// Placeholder until npm test sets itself up: see issue 17.
