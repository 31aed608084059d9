(?ix)^(?:
    [1-9]\d*\s+(?:comments?|responses?|replies|thoughts?)\b.*|
    .{1,60}\s+(?:says|said|wrote)\W{0,4}|
    .*\b\d{1,2}:\d{2}\b.*|
    .*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b.*|
    .*\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b.*|
    .{0,40}\b(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago
)$