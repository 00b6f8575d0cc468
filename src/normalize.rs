//! Comparison keys: how two spellings of the same text are made to meet (NFKC, case, tatweel, damage-tolerant keys).


