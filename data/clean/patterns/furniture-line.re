(?ix)^(?:
    advertisement|anzeige|werbung|publicité|sponsored|
    share(?:\s+(?:this|on)(?-u:\b).*)?:?|tweet|print|e-?mail|
    (?:click|tap)\s+here(?-u:\b).*|
    related(?:\s+(?:stories|articles|posts|content|links))?:?|
    (?:tags?|categor(?:y|ies)|topics?)\s*:.*|(?:filed\s+under|posted\s+in)(?-u:\b).*|
    follow\s+us(?-u:\b).*|read\s+more(?-u:\b).*|continue\s+reading(?-u:\b).*|
    (?:©|\(c\)|copyright(?-u:\b)).*|all\s+rights\s+reserved\.?|
    (?:ähnliche|verwandte|weitere)\s+(?:beiträge|artikel|themen):?|auch\s+interessant:?|
    schlagw(?:o|ö)rte?\s*:?.*|letzte\s+änderung.*|mehr\s+zum\s+thema:?|
    das\s+(?:thema\s+)?könnte\s+(?:dich|sie)\s+auch\s+interessieren:?|
    \(?(?:foto|fotos|bild|photo|image|quelle|source)\s*:.{0,80}|aufrufe:?.*|
    you\s+(?:may|might)\s+also\s+like:?|more\s+from(?-u:\b).{0,60}|
    # Photo credits and captions: 'Photograph by …', '(Credit: …)', 'Titelbild: …',
    # 'Abbildung 4: …', a caption ending in 'Foto: …', an agency line 'AFP / Ann Lee'.
    \(?(?:photo(?:graph)?s?|pictures?|images?|fotos?)\s+(?:by|courtesy\s+of|von)\s.{0,80}|
    \(?(?:credits?|bildnachweis|bildquelle|fotonachweis|fotocredit|titelbild|titelfoto|
        beitragsbild|headerbild|aufmacherbild|aufmacherfoto)\s*:.{0,100}|
    (?:abbildung|abb\.|figure|fig\.)\s*\d*\s*:.{0,180}|
    (?:afp|ap|dpa|epa|pap|reuters|getty\s*images|imago(?:\s+images)?|picture[\s-]alliance|
        shutterstock|istock(?:photo)?|keystone)\s*/.{1,50}|
    .{1,50}/\s*(?:afp|ap|dpa|epa|pap|reuters|getty\s*images|imago(?:\s+images)?|
        picture[\s-]alliance|shutterstock|istock(?:photo)?|keystone)(?:\s*/.{1,30})?|
    # Reading times: '5 min read', 'Lesezeit: 3 Minuten', '21 minutes - 4312 words'.
    (?:lesezeit|lesedauer|reading\s+time|read\s+time|temps\s+de\s+lecture|tiempo\s+de\s+lectura)
        \s*:?\s*(?:ca\.\s*)?\d+\s*(?:min\w*\.?)?|
    (?:ca\.\s*)?\d+\s*(?:min|mins|minutes?|minuten)\.?\s+(?:read|lesezeit|lesen|de\s+lecture|
        di\s+lettura|de\s+lectura)|
    \d+\s*(?:min|minutes?|minuten)\s*[-–|·]\s*[\d.,]+\s*(?:words|wörter)|
    # Labels of the sections that follow an article: more stories, sources, the author,
    # contacts, events, embeds waiting for consent.
    (?:related\s+(?:coverage|reading|news|topics|videos?)|contenido\s+relacionado|
        art[ií]culos?\s+relacionados?|notas?\s+relacionadas?|(?:à\s+)?lire\s+aussi|
        weitere\s+(?:aktuelle\s+)?(?:informationen|infos|artikel|beiträge|themen|
            nachrichten|meldungen|pressemitteilungen|news)(?-u:\b)[^.!?]{0,50}|
        (?:zum\s+)?weiterlesen|schon\s+gelesen\?|lesen\s+sie\s+auch|
        über\s+(?:den\s+autor|die\s+autorin)|about\s+the\s+author|
        quellen(?:angaben)?|quellen\s+(?:anzeigen|ausblenden)|sources|einzelnachweise|
        top[\s-]themen(?-u:\b)[^.!?]{0,30}|(?:entdecke|discover|explore)\s+(?:weitere|more)(?-u:\b)[^.!?]{0,40}|
        (?:alle|all)\s+(?:artikel|beiträge|articles|posts|stories)(?-u:\b)[^.!?]{0,40}|
        (?:vorschau\s+auf\s+den\s+)?(?:nächste[nr]?|vorherige[nr]?)\s+(?:artikel|beitrag)|
        (?:previous|next)\s+(?:article|post|story)|
        kommende\s+(?:events|termine|veranstaltungen)|upcoming\s+events|
        kontakt|contact|pressekontakt|ansprechpartner(?:in)?(?-u:\b)[^.!?]{0,40}|
        zusatzinformationen|weiterführende\s+informationen|advertising\s+disclosure|
        externer\s+inhalt)\s*:?|
    # Calls to action: newsletters, subscriptions, apps, social accounts, donations,
    # reader feedback. An imperative opens the line; a pitch may sit anywhere in it.
    (?:follow|folgt|folgen\s+sie|s[ií]guenos|suivez[-\s]nous|seguici)\s.{0,50}?
        (?-u:\b)(?:on|auf|en|sur|su)\s+(?:twitter|facebook|instagram|telegram|linkedin|tiktok|
        youtube|mastodon|whatsapp)(?-u:\b).*|
    (?:unterstütze|unterstützen\s+sie|hazte\s+(?:miembro|socio)|become\s+a\s+(?:member|
        subscriber|patron)|werde\s+(?:mitglied|abonnent)|jetzt\s+(?:spenden|abonnieren)|
        donate\s+now|jede\s+(?:kleine\s+)?spende)(?-u:\b).*|
    \*?(?:anzeige|werbung|advertisement|sponsored|publicité)\s*[-–:|,.]\s.{0,80}
)$