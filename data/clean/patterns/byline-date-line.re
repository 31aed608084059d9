(?ix)^(?:[~\-–—:|·•,]\s*)?
(?:(?:posted|published|written|submitted|veröffentlicht|geschrieben|verfasst|erstellt|eingestellt|eingetragen|gespeichert|post\s+author|publiziert|publié|publicado)
   \s*(?:on|by|von|am|durch|par|por)?\s*)?
(?:(?:eine?\s+|a\s+)?(?:artikel|beitrag|gastbeitrag|blog\s*beitrag|interview|kolumne|kommentar|gastkommentar|note|post|article|column)\s*(?:von|by|from)(?:\s+|\s*:\s*|$))?
(?:(?:text\s+von|by|von|vom|über|about|par|door|di|por|autor(?:in|en)?|auteure?|autore|autora|author|verfasser(?:in)?|(?:text|interview)(?:\s+(?:und|&|and)\s+(?:text|interview|fotos?|bilder|photos))?|redakteur(?:in)?)(?:\s+|\s*:\s*|$)|redaktion\s*:\s*|(?:责任编辑|作者)\s*[:：]\s*)?