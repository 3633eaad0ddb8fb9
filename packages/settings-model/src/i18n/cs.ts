import { type MessageKey } from './en.js';

/**
 * Czech messages. Labels and help texts follow the product's own Czech text (the "Všeobecné" page),
 * with its typos corrected. Typed against `en`, so a key missing here fails the build.
 */
export const cs: Record<MessageKey, string> = {
  'settings.title': 'Všeobecné',
  'settings.areas.general': 'Obecné',
  'settings.areas.phone': 'Telefon',
  'settings.areas.chat': 'Chat',
  'settings.areas.email': 'E-mail',

  'settings.provenance.default': 'Výchozí hodnota',
  'settings.provenance.tenant': 'Nastavení tenantu',
  'settings.provenance.package': 'Nastavení balíčku',
  'settings.entitlement.missing': 'Tato funkce není součástí vaší licence.',

  'settings.units.seconds': 'sekund',
  'settings.units.minutes': 'minut',
  'settings.units.hours': 'hodin',
  'settings.units.days': 'dní',
  'settings.units.megabytes': 'MB',

  'settings.common.enabled.label': 'Zapnuto',
  'settings.common.timeZone.label': 'Časové pásmo',
  'settings.common.timeZone.help': 'Název časového pásma IANA, například Europe/Prague.',
  'settings.common.interval.label': 'Časový interval',
  'settings.common.interval.start.label': 'Od',
  'settings.common.interval.end.label': 'Do',

  'settings.options.previewField.deviceType': 'Typ zařízení',
  'settings.options.previewField.os': 'Operační systém',
  'settings.options.previewField.browser': 'Prohlížeč',
  'settings.options.previewField.country': 'Země',
  'settings.options.previewField.language': 'Jazyk',
  'settings.options.banDuration.permanent': 'Trvale',
  'settings.options.banDuration.1h': '1 hodina',
  'settings.options.banDuration.24h': '24 hodin',
  'settings.options.banDuration.7d': '7 dní',
  'settings.options.banDuration.30d': '30 dní',
  'settings.options.sessionChannel.chat': 'Chat',
  'settings.options.sessionChannel.av': 'Audio/Video',
  'settings.options.sessionChannel.phone': 'Telefon',
  'settings.options.awayStatus.busy': 'Zaneprázdněný',
  'settings.options.awayStatus.offline': 'Offline',
  'settings.options.replyTo.operator': 'E-mail operátora',
  'settings.options.replyTo.company': 'Univerzální e-mail společnosti',
  'settings.options.queueOrder.newest': 'Nejnovější',
  'settings.options.queueOrder.oldest': 'Nejstarší',
  'settings.options.weekday.mon': 'Pondělí',
  'settings.options.weekday.tue': 'Úterý',
  'settings.options.weekday.wed': 'Středa',
  'settings.options.weekday.thu': 'Čtvrtek',
  'settings.options.weekday.fri': 'Pátek',
  'settings.options.weekday.sat': 'Sobota',
  'settings.options.weekday.sun': 'Neděle',

  'settings.general.waitingClientPreview.label': 'Náhled čekajícího klienta',
  'settings.general.waitingClientPreview.help':
    'Operátoři si mohou ve frontě prohlédnout základní informace o klientovi ještě před jeho přijetím k chatu nebo hovoru. Typicky jsou zobrazovány informace o typu zařízení, prohlížeče a země, ze které klient na web vstoupil.',
  'settings.general.waitingClientPreview.fields.label': 'Zobrazované informace',
  'settings.general.showRoutedOperators.label': 'Zobrazovat přiřazené operátory',
  'settings.general.showRoutedOperators.help':
    'Operátoři mohou u čekajícího sezení po najetí myši zjistit, na které další operátory bylo sezení routováno.',
  'settings.general.operatorsMayBan.label': 'Banování klientů operátorem',
  'settings.general.operatorsMayBan.help':
    'Svým operátorům můžete odebrat možnost banování klientů (takoví klienti se už z daného zařízení či komunikačního kanálu nedostanou do chatu s operátorem).',
  'settings.general.operatorsMayBan.offeredDurations.label': 'Délky banu nabízené operátorům',
  'settings.general.autoAnonymization.label': 'Automatická anonymizace sezení',
  'settings.general.autoAnonymization.help':
    'Abyste vyhověli legislativním požadavkům, můžete si nastavit automatickou anonymizaci dat obsažených v sezení. Jakmile je podmínka splněna, dojde k automatické anonymizaci (smazání) klientských dat. Konkrétně se jedná o zprávy a soubory v sezení, nahrávky telefonních hovorů či Audio/Video nahrávky, vazbu „sezení – záznam klienta v Adresáři kontaktů“, veškeré parametry sezení (které doplnil operátor, chatbot nebo klient vyplněním vstupního formuláře) a výsledek sezení a zpětnou vazbu klienta.',
  'settings.general.autoAnonymization.olderThanDays.label':
    'Anonymizovat sezení ukončená před více než (dny)',
  'settings.general.autoAnonymization.channels.label': 'Pouze tyto kanály',
  'settings.general.autoAnonymization.channels.help': 'Nevyplněno znamená všechny kanály.',
  'settings.general.autoAnonymization.packageIds.label': 'Pouze tyto WebChat balíčky',
  'settings.general.autoAnonymization.packageIds.help': 'Nevyplněno znamená všechny balíčky.',
  'settings.general.autoAnonymization.exemptTags.label':
    'Štítky, které sezení z anonymizace vyjímají',
  'settings.general.autoAnonymization.exemptTags.help':
    'Sezení s některým z těchto štítků se nikdy neanonymizují (zákonná povinnost uchování).',
  'settings.general.autoAnonymization.window.label': 'Denní časové okno běhu',
  'settings.general.autoAnonymization.window.help':
    'Anonymizace běží jen v tomto okně; okno může přesahovat přes půlnoc (například 22:00 až 04:00).',

  'settings.phone.callerIdSelection.label': 'Výběr odchozího telefonního čísla',
  'settings.phone.callerIdSelection.help':
    'Jakmile je toto nastavení aktivní, je operátor schopen před zahájením tel. hovoru zvolit telefonní číslo dle svého výběru (klientovi se na telefonu zobrazí právě toto číslo). Jedná se o vypínatelnou funkci, a proto nemusíte mít toto nastavení dostupné.',
  'settings.phone.callerIdSelection.allowedNumbers.label': 'Povolená čísla',
  'settings.phone.callerIdSelection.allowedNumbers.help':
    'Čísla v mezinárodním formátu E.164, například +420123456789; každé musí patřit mezi vaše odchozí čísla.',
  'settings.phone.callerIdSelection.defaultNumber.label': 'Výchozí číslo',
  'settings.phone.callerIdSelection.defaultNumber.help':
    'Předvybrané číslo, když operátor zahajuje hovor.',

  'settings.chat.avRecording.label': 'Nahrávání AV sezení',
  'settings.chat.avRecording.help':
    'Toto nastavení je relevantní v případě, že používáte CallBack widget na webu, Pozvánky, či povyšujete klasické WebChat sezení na Audio/Video hovor. V detailu sezení se objeví záložka Nahrávky.',
  'settings.chat.statusWhenAllAway.label': 'Stav balíčku ve stavu Pryč',
  'settings.chat.statusWhenAllAway.help':
    'Zde nastavujete stav balíčku (Zaneprázdněný/Offline) v situaci, kdy jsou všichni operátoři ve stavu Pryč (mají nastavený některý z dostupných Důvodů nepřítomnosti). „Všemi operátory ve stavu Pryč“ jsou myšleni operátoři, na které jsou dle nastavení routována sezení z daného WebChat balíčku.',
  'settings.chat.transcriptReplyTo.label': 'Adresát odpovědi na přepis konverzace',
  'settings.chat.transcriptReplyTo.help':
    'Na konci každého sezení má klient možnost zaslání přepisu chatu na e-mail. Toto pole může zaškrtnout buď sám, nebo to za něj provede operátor. Klient může na přepis odpovědět a zde volíte cíl, na který je odpověď směřována (e-mail operátora, nebo univerzální e-mail vaší společnosti).',
  'settings.chat.transcriptReplyTo.mode.label': 'Odpovědi směřovat na',
  'settings.chat.transcriptReplyTo.companyAddress.label': 'E-mail společnosti',
  'settings.chat.offlineCallback.label': 'Offline CallBack',
  'settings.chat.offlineCallback.help':
    'Sezení v definovaném čase zůstanou ve frontě i poté, co klient sezení opustí (zavře okno prohlížeče, ukončí sezení, ztratí konektivitu apod.). V takovém případě sezení zůstane viditelné ve frontě operátora. Operátor přijme sezení, zjistí, že se klient již odpojil, ale má možnost využít dříve zadané kontaktní informace pro telefonický kontakt.',
  'settings.chat.offlineCallback.weeklyHours.label': 'Týdenní časy',
  'settings.chat.offlineCallback.exceptions.label': 'Výjimky',
  'settings.chat.offlineCallback.exceptions.help':
    'Dny s vlastními časy; den bez intervalů je celý zavřený.',
  'settings.chat.offlineCallback.exceptions.date.label': 'Datum',
  'settings.chat.offlineCallback.exceptions.intervals.label': 'Časy v daný den',
  'settings.chat.offlineCallback.exceptions.note.label': 'Poznámka',
  'settings.chat.callbackNumberBlock.label': 'Délka blokace stejného čísla',
  'settings.chat.callbackNumberBlock.help':
    'Toto nastavení je relevantní pro CallBack widget, kde klient před vstupem zadává své telefonní číslo. Abyste předešli možnému zahlcení (opakovanému kontaktování stejným klientem), můžete nastavit limit. Hodnota 0 blokaci vypíná.',
  'settings.chat.clientFileSending.label': 'Odesílání souborů na straně klienta',
  'settings.chat.clientFileSending.help':
    'Pokud nechcete klientovi v rámci WebChat sezení umožnit zasílání souborů, použijte toto nastavení.',
  'settings.chat.clientFileSending.allowedExtensions.label': 'Povolené přípony souborů',
  'settings.chat.clientFileSending.allowedExtensions.help':
    'Například pdf, jpg, png. Nevyplněno znamená všechny typy souborů.',
  'settings.chat.clientFileSending.maxSizeMb.label': 'Maximální velikost souboru',
  'settings.chat.deleteFilesAfterSession.label': 'Smazat soubory po ukončení sezení',
  'settings.chat.deleteFilesAfterSession.help':
    'Po skončení sezení jsou veškeré soubory zaslané v jeho průběhu smazány a zpětně se k nim žádný uživatel nedostane.',
  'settings.chat.clientHistory.label': 'Historie chatu u klienta',
  'settings.chat.clientHistory.help':
    'Klient dle nastavení po kliku na WebChat widget má možnost vidět veškerou historii komunikace s operátory. Historie je navázaná na konkrétní zařízení a použitý prohlížeč. Tedy jakmile se klient připojí odjinud, svou historii neuvidí.',
  'settings.chat.clientDisconnectGrace.label': 'Délka odpojení klienta',
  'settings.chat.clientDisconnectGrace.help':
    'Takto můžete ošetřit případy, kdy se klienti omylem či záměrně odpojují na krátkou dobu z chatu (ztráta připojení, uzavření tabu prohlížeče, ...) a vy potřebujete zajistit, že se vrátí do probíhající konverzace s operátorem. V případě, že se klient dokáže v definovaném čase vrátit zpět do chatu, může pokračovat v probíhající konverzaci.',

  'settings.email.queueOrder.label': 'Řazení a přiřazování e-mailů',
  'settings.email.queueOrder.help':
    'Zde určujete pořadí, ve kterém se budou e-maily řadit ke zpracování operátorům v uživatelském rozhraní, a současně také routing e-mailů. Standardně jsou e-maily řazeny od nejnovějších po nejstarší (tzn. že nejnovější e-maily se řadí na přední pozice společné e-mailové fronty). Pokud chcete mít jistotu, že vám žádný e-mail neuteče, nastavte si opačné pořadí (hodnota „Nejstarší“).',

  'settings.errors.invalid_type': 'Hodnota má nesprávný typ.',
  'settings.errors.required': 'Toto pole je povinné.',
  'settings.errors.not_integer': 'Zadejte celé číslo.',
  'settings.errors.too_small.number': 'Hodnota musí být alespoň %{minimum}.',
  'settings.errors.too_small.string': 'Text musí mít alespoň %{minimum} znaků.',
  'settings.errors.too_small.array': 'Vyberte alespoň %{minimum} položek.',
  'settings.errors.too_small.value': 'Hodnota je příliš malá (nejméně %{minimum}).',
  'settings.errors.too_big.number': 'Hodnota smí být nejvýše %{maximum}.',
  'settings.errors.too_big.string': 'Text smí mít nejvýše %{maximum} znaků.',
  'settings.errors.too_big.array': 'Povoleno je nejvýše %{maximum} položek.',
  'settings.errors.too_big.value': 'Hodnota je příliš velká (nejvýše %{maximum}).',
  'settings.errors.invalid_enum': 'Zvolte jednu z možností: %{options}.',
  'settings.errors.invalid_format': 'Neplatný formát.',
  'settings.errors.unknown_field': 'Neznámé pole.',
  'settings.errors.unknown_setting': 'Neznámé nastavení.',
  'settings.errors.not_package_scoped':
    'Toto nastavení platí pro celý tenant a pro jednotlivé balíčky jej nelze změnit.',
  'settings.errors.feature_not_entitled': 'Tato funkce není součástí vaší licence.',
  'settings.errors.duplicate_item': 'Tato položka je uvedena dvakrát.',
  'settings.errors.fields_required':
    'Vyberte alespoň jednu zobrazovanou informaci, nebo náhled vypněte.',
  'settings.errors.durations_required':
    'Nabídněte alespoň jednu délku banu, nebo banování vypněte.',
  'settings.errors.numbers_required':
    'Přidejte alespoň jedno povolené číslo, nebo výběr čísla vypněte.',
  'settings.errors.duplicate_number': 'Toto číslo je uvedeno dvakrát.',
  'settings.errors.default_number_required': 'Zvolte výchozí číslo.',
  'settings.errors.default_number_not_allowed': 'Výchozí číslo musí být jedním z povolených čísel.',
  'settings.errors.company_address_required':
    'Zadejte e-mail společnosti, na který mají odpovědi směřovat.',
  'settings.errors.interval_order': 'Konec musí být později než začátek.',
  'settings.errors.interval_overlap':
    'Tento interval se překrývá s jiným intervalem ve stejný den.',
  'settings.errors.hours_required':
    'Nastavte alespoň jeden časový interval, nebo Offline CallBack vypněte.',
  'settings.errors.duplicate_date': 'Toto datum je uvedeno dvakrát.',
  'settings.errors.window_empty': 'Okno nesmí začínat a končit ve stejný čas.',
  'settings.errors.invalid_time_zone': 'Neznámé časové pásmo.',

  'settings.lint.offline_callback_package_offline':
    'Časy Offline CallBacku jsou nastavené, ale balíček je trvale offline, takže je žádné sezení nevyužije.',
  'settings.lint.caller_id_not_on_host':
    'Číslo %{number} nepatří mezi vaše odchozí čísla; hovory z něj by selhaly.',
  'settings.lint.deleted_files_in_history':
    'Soubory se po každém sezení mažou, ale klienti vidí historii chatu: v historii budou soubory, které už neexistují.',
  'settings.lint.file_limits_while_disabled':
    'Omezení typu či velikosti souborů jsou nastavena, ale odesílání souborů klientem je vypnuté; nemají žádný účinek.',
};
