(?ix)^(?:
    (?:\d+\s+)?(?:reader\s+|user\s+)?
        (?:comments?|kommentare?|commentaires?|comentarios?|discussion)(?:\s*\(\d+\))?|
    \d+\s+(?:comments?|responses?|replies|thoughts?|reactions?|kommentare?)\b.*
)[\s:.»>]*$