import type { MessageCatalog } from './en.js';

/** Backend-owned Czech messages; the same keys and placeholders as `en.ts`. */
export const cs: MessageCatalog = {
  'error.bad_request': 'Požadavek je neplatný.',
  'error.unauthorized': 'Je vyžadováno přihlášení.',
  'error.forbidden': 'K této akci nemáte oprávnění.',
  'error.not_found': 'Požadovaný záznam neexistuje.',
  'error.method_not_allowed': 'Tato metoda zde není povolena.',
  'error.not_acceptable': 'Požadovaný formát odpovědi není k dispozici.',
  'error.conflict': 'Požadavek je v rozporu s aktuálním stavem záznamu.',
  'error.gone': 'Záznam již není k dispozici.',
  'error.precondition_failed': 'Podmínka požadavku nebyla splněna.',
  'error.payload_too_large': 'Tělo požadavku překračuje limit {limit} bajtů.',
  'error.unsupported_media_type': 'Tento typ obsahu není podporován.',
  'error.validation_failed': 'Požadavek obsahuje neplatná data. Podrobnosti jsou v seznamu chyb.',
  'error.precondition_required': 'Požadavek musí být podmíněný.',
  'error.too_many_requests': 'Příliš mnoho požadavků. Zkuste to prosím později.',
  'error.malformed_json': 'Tělo požadavku není platný JSON.',
  'error.request_failed': 'Požadavek nelze zpracovat.',
  'error.internal_error': 'Došlo k neočekávané chybě.',
  'error.not_implemented': 'Tato operace není implementována.',
  'error.bad_gateway': 'Navazující služba vrátila neplatnou odpověď.',
  'error.service_unavailable': 'Služba je dočasně nedostupná.',
  'error.gateway_timeout': 'Navazující služba neodpověděla včas.',

  'settings.version_conflict':
    'Nastavení mezitím změnil někdo jiný (nyní verze {currentVersion}). Načtěte je znovu a zkuste to znovu.',
  'settings.precondition_required':
    'V hlavičce If-Match pošlete verzi nastavení, kterou jste upravovali (například If-Match: "3").',
  'settings.invalid_if_match': 'Hlavička If-Match musí obsahovat verzi nastavení, například "3".',
  'settings.feature_not_entitled': 'Vaše licence tuto funkci nezahrnuje ({entitlement}).',
  'settings.not_package_scoped': 'Toto nastavení platí pro celý tenant; balíček je nemůže přepsat.',
  'settings.unknown_setting': 'Takové nastavení neexistuje.',
  'settings.invalid_package_id':
    'Id balíčku má 1–64 písmen, číslic, teček, pomlček nebo podtržítek.',
  'settings.revision_not_found': 'Revize nastavení {number} neexistuje.',

  'auth.unauthenticated': 'Nejprve se přihlaste: tento požadavek vyžaduje přístupový token.',
  'auth.invalid_token': 'Přístupový token není platný ({reason}).',
  'auth.forbidden_role': 'Vaše role tuto akci nepovoluje.',
  'installation.invalid_signature': 'Podpis požadavku není platný ({reason}).',
  'installation.replayed_request': 'Tento podepsaný požadavek už byl přijat.',
  'installation.tenant_not_found': 'Switchboard není pro tohoto tenanta nainstalován.',
  'host.invalid_signature': 'Podpis webhooku není platný ({reason}).',
  'host.stale_timestamp': 'Časové razítko webhooku je mimo povolené časové okno.',
  'host.invalid_credentials': 'Přihlašovací údaje webhooku nejsou platné.',
  'host.invalid_envelope': 'Tělo požadavku není obálka webhooku { eventType, data }.',
  'host.unknown_hook': 'Rozhodovací hook „{name}“ neexistuje.',
  'host.dead_letter_not_found': 'Nedoručitelná zpráva {id} neexistuje.',
  'hooks.file_upload.disabled': 'Posílání souborů zde není dostupné.',
  'hooks.file_upload.type_not_allowed': 'Tento typ souboru nelze poslat. Povolené: {extensions}.',
  'hooks.file_upload.too_large': 'Soubor je příliš velký. Limit je {maxSizeMb} MB.',
  'hooks.outbound_call.invalid_number': 'Volané číslo není platné telefonní číslo.',
  'hooks.outbound_call.caller_id_not_allowed':
    'Toto číslo volajícího nelze pro odchozí hovory použít.',

  // chat lifecycle (issue 7): file sending, client history, recordings, transcripts
  'hooks.file_upload.type_mismatch': 'Soubor nevypadá jako soubor .{extension}.',
  'transcript.subject': 'Přepis vaší konverzace ze dne {date}',
  'transcript.heading': 'Přepis vaší konverzace',
  'transcript.intro': 'Zasíláme přepis vaší konverzace ze dne {date} (sezení {sessionId}).',
  'transcript.time_zone': 'Časy jsou uvedeny v časovém pásmu {timeZone}.',
  'transcript.you': 'Vy',
  'transcript.operator': 'Operátor',
  'transcript.chatbot': 'Chatbot',
  'transcript.file': 'Soubor: {name}',
  'transcript.empty': 'Konverzace neobsahuje žádné zprávy.',
  'transcript.reply_hint': 'Na tento e-mail můžete odpovědět.',
  'transcript.footer': 'Odesláno službou {productName}',
  'transcripts.session_not_found': 'Hostitel nezná sezení {sessionId}.',
  'widget.token_required':
    'Pošlete token widgetu vydaný hostitelem: Authorization: Bearer <token>.',
  'widget.invalid_token': 'Token widgetu není platný ({reason}).',
  'client_history.disabled': 'Historie chatu je pro tento chat vypnutá.',
  'disconnect_grace.note': 'Klient odešel: nevrátil se do {seconds} s od ztráty spojení.',

  // partners (white-label themes)
  'partners.not_found': 'Partner „{partnerId}“ neexistuje.',
  'partners.in_use':
    'K partnerovi „{partnerId}“ stále patří instalace ({tenantCount}); nejprve je přiřaďte jinam.',

  // operations (issue 11): metrics endpoint
  'metrics.disabled': 'Metriky jsou vypnuté: pro jejich zpřístupnění nastavte METRICS_TOKEN.',
  'metrics.invalid_token': 'Pošlete token pro metriky jako Authorization: Bearer <METRICS_TOKEN>.',

  // admission (issue 6): náhled, přiřazení operátoři, bany, callbacky
  'client_preview.disabled': 'Náhled čekajícího klienta je pro tohoto tenanta vypnutý.',
  'routed_operators.disabled': 'Zobrazování přiřazených operátorů je pro tohoto tenanta vypnuté.',
  'bans.not_allowed': 'Operátoři nemohou banovat klienty, dokud to tenant nepovolí.',
  'bans.duration_not_offered': 'Tato délka banu není nabízena. Nabízené: {durations}.',
  'bans.duration_required': 'Zadejte délku banu, nebo čas jeho vypršení.',
  'bans.expiry_in_past': 'Čas vypršení musí být v budoucnosti.',
  'bans.invalid_identity': 'Toto není platná hodnota typu {kind}.',
  'bans.identity_unavailable': 'Sezení nemá žádnou hodnotu typu {kind}, kterou by šlo zabanovat.',
  'bans.value_or_session_required':
    'Zadejte hodnotu k zabanování, nebo sezení, jehož klienta zabanovat.',
  'bans.not_found': 'Ban {id} neexistuje.',
  'bans.already_revoked': 'Ban {id} už byl zrušen.',
  'bans.admission_refused': 'Konverzaci teď nelze zahájit.',
  'offline_callbacks.not_found': 'Sezení {sessionId} není offline callback.',
  'offline_callbacks.not_taker': 'Kontaktní údaje vidí jen operátor, který callback převzal.',

  // Dostupnost: stav balíčku (7), fronta e-mailů (15), odchozí číslo (5).
  'package_status.package_not_found': 'Balíček {packageId} se známým stavem neexistuje.',
  'package_status.no_absence_reason': 'bez udání důvodu',
  'package_status.away_note': 'Všichni operátoři jsou pryč: {reasons}',
  'email_queue.assignment_unavailable':
    'Hostitel neumí přiřazovat e-mailová vlákna pro Switchboard (chybí rozšíření pro přiřazování e-mailů).',
  'email_queue.host_unavailable': 'Hostitel e-mailové vlákno nepřiřadil. Zkuste to znovu.',
  'email_queue.not_a_host_operator': 'E-maily si může brát jen operátor hostitele.',

  // Automatická anonymizace (4).
  'anonymization.off': 'Automatická anonymizace je vypnutá: nejprve uložte pravidlo.',
  'anonymization.run_in_progress': 'Pro tohoto tenanta už jedna anonymizace běží.',
  'anonymization.run_not_running': 'Běh neprobíhá (je ve stavu {status}).',
  'anonymization.backfill_in_progress': 'Index sezení se už z hostitele doplňuje.',
  'anonymization.host_unavailable':
    'Hostitel neodpověděl, takže nešlo ověřit právní blokace a balíčky. Zkuste to znovu.',

  // Trvalé úlohy (5).
  'jobs.job_not_found': 'Mrtvá úloha {id} neexistuje.',
  'jobs.job_key_active':
    'Úlohu {id} nelze zopakovat: jiná úloha se stejným klíčem ({key}) je již naplánovaná nebo běží.',

  'field.required': 'Toto pole je povinné.',
  'field.invalid_type': 'Očekává se hodnota typu {expected}.',
  'field.too_small.string': 'Musí mít alespoň {minimum} znaků.',
  'field.too_small.array': 'Musí obsahovat alespoň {minimum} položek.',
  'field.too_small.number': 'Musí být alespoň {minimum}.',
  'field.too_small.number_exclusive': 'Musí být větší než {minimum}.',
  'field.too_big.string': 'Může mít nejvýše {maximum} znaků.',
  'field.too_big.array': 'Může obsahovat nejvýše {maximum} položek.',
  'field.too_big.number': 'Může být nejvýše {maximum}.',
  'field.too_big.number_exclusive': 'Musí být menší než {maximum}.',
  'field.invalid_format': 'Neplatný formát (očekává se {format}).',
  'field.invalid_value': 'Musí být jedna z hodnot: {values}.',
  'field.not_multiple_of': 'Musí být násobkem {divisor}.',
  'field.unknown_field': 'Neznámé pole.',
  'field.invalid': 'Neplatná hodnota.',
};
