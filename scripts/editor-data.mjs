// Placeholder until the editor data is written: see issue 17.
