(?ix)^(?:
    (?:one|two|three|four|five|six|seven|eight|nine|ten|no|\d+)\s+
    (?:thoughts?|comments?|responses?|replies|reactions?)
    (?:\s*:?\s*|\s+(?:on|to)\s+["“‘'«„].*)
  | (?:leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|add\s+a\s+comment
     |reader\s+comments|comments)\s*:?
)$