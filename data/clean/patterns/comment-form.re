(?ix)^(?:
    speak\s+your\s+mind
  | this\s+site\s+uses\s+akismet
  | learn\s+how\s+your\s+comment\s+data
  | your\s+email\s+address\s+will\s+not\s+be\s+published
  | required\s+fields\s+are\s+marked
  | leave\s+a\s+(?:reply|comment)
  | cancel\s+reply
  | (?:post|submit)\s+comment\s*$
  | notify\s+me\s+of\s+(?:follow-?up|new)
  | save\s+my\s+name,?\s+email
  | you\s+must\s+be\s+logged\s+in
  | comments\s+are\s+closed
  | (?:name|e-?mail|website|comment|url)\s*\*?\s*(?:\(required\))?\s*$
  | (?:log\s+in\s+to\s+)?reply\s*$
)