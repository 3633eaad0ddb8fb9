import { messages as modelMessages } from '@switchboard/settings-model';
import czechMessages from 'ra-language-czech';
import type { TranslationMessages } from 'react-admin';
import type { switchboardEn } from './en.js';

// ra-language-czech 5.7 predates these react-admin 5.15 keys.
const missingRaKeys = {
  action: { reset: 'Obnovit', search_columns: 'Hledat sloupce' },
  notification: { offline: 'Bez připojení. Data nelze načíst.' },
  guesser: {
    empty: {
      title: 'Žádná data k zobrazení',
      message: 'Zkontrolujte prosím svého poskytovatele dat',
    },
  },
};

export const switchboardCs: typeof switchboardEn = {
  switchboard: {
    dashboard: {
      title: 'Vítejte v aplikaci %{productName}',
      intro: 'Nastavení, podle kterých váš tenant funguje, vynucovaná u každého sezení.',
    },
    auth: {
      sessionEnded: 'Vaše přihlášení skončilo',
      reopen: 'Otevřete %{productName} znovu ze svého helpdesku, který vás přihlásí.',
    },
    brand: { switch: 'Vzhled', default: 'Výchozí' },
    duration: {
      seconds: '%{smart_count} sekunda |||| %{smart_count} sekundy |||| %{smart_count} sekund',
      minutes: '%{smart_count} minuta |||| %{smart_count} minuty |||| %{smart_count} minut',
      hours: '%{smart_count} hodina |||| %{smart_count} hodiny |||| %{smart_count} hodin',
      days: '%{smart_count} den |||| %{smart_count} dny |||| %{smart_count} dní',
    },
    values: {
      on: 'Zapnuto',
      off: 'Vypnuto',
      none: 'Žádné',
      inherited: 'Nenastaveno (zděděno)',
    },
    settings: {
      source: 'Hodnota pochází z',
      resetToDefault: 'Obnovit výchozí hodnotu',
      discard: 'Zahodit změnu',
      discardAll: 'Zahodit změny',
      pendingEdit: 'Neuložená změna',
      pendingReset: 'Bude obnovena výchozí hodnota',
      readOnly: 'Nastavení si můžete prohlížet; měnit je může jen administrátor.',
      entitlementName: '(licencovaná funkce: %{entitlement})',
      saved: 'Nastavení uloženo',
      fixErrors: 'Před uložením opravte označené hodnoty.',
      unsavedCount:
        'Jedna neuložená změna |||| %{smart_count} neuložené změny |||| %{smart_count} neuložených změn',
      version: 'Verze %{version}',
      unit: 'Jednotka',
      add: 'Přidat',
      newItem: 'Nová položka: %{field}',
      addNumber: 'Přidat číslo',
      phoneNumber: 'Číslo %{index}',
      removeNumber: 'Odebrat %{number}',
    },
    hours: {
      closed: 'Zavřeno',
      addInterval: 'Přidat interval',
      addIntervalTo: 'Přidat interval: %{day}',
      removeInterval: 'Odebrat interval %{index}: %{day}',
      startOf: '%{day}, interval %{index}: od',
      endOf: '%{day}, interval %{index}: do',
      copyMonday: 'Zkopírovat pondělní hodiny na úterý až pátek',
      addDate: 'Přidat výjimku',
      removeDate: 'Odebrat výjimku %{date}',
    },
    unsaved: {
      title: 'Neuložené změny',
      stay: 'Zůstat zde',
      leave: 'Odejít bez uložení',
    },
    conflict: {
      title: 'Mezitím nastavení uložil někdo jiný',
      intro:
        'Tyto změny byly uloženy poté, co jste stránku otevřeli. Načtěte je znovu (vaše neuložené změny se zahodí), nebo ponechte své a uložte je navrch.',
      reload: 'Načíst znovu',
      overwrite: 'Ponechat moje a přepsat',
    },
    changes: {
      none: 'Žádné změny.',
      tenant: 'Nastavení tenantu',
      package: 'Balíček %{packageId}',
      setting: 'Nastavení',
      before: 'Předtím',
      after: 'Potom',
    },
    packages: {
      title: 'Balíčky',
      intro:
        'Webchatový balíček může některá nastavení přepsat. U každé hodnoty vidíte, odkud pochází: z nastavení balíčku, z nastavení tenantu, nebo výchozí.',
      packageId: 'ID balíčku',
      invalidId:
        'Na začátku písmeno nebo číslice, dále písmena, číslice, . _ nebo -; nejvýše 64 znaků.',
      open: 'Otevřít',
      known: 'Balíčky s vlastním nastavením',
      heading: 'Balíček %{packageId}',
      effective: 'Platí',
      inheritedValue: 'Hodnota tenantu (platí bez přepsání)',
      override: 'Přepsat pro tento balíček',
      editOverride: 'Upravit přepsání',
      saveOverride: 'Uložit přepsání',
      resetToInherited: 'Vrátit na zděděnou hodnotu',
      overridden: 'Nastavení balíčku uloženo',
      inherits: 'Balíček opět dědí hodnotu tenantu',
    },
    history: {
      title: 'Historie',
      number: 'Č.',
      kind: 'Druh',
      kinds: {
        update: 'Změna',
        package_override: 'Nastavení balíčku',
        rollback: 'Vrácení',
        import: 'Import',
      },
      actor: 'Kdo',
      when: 'Kdy',
      changeCount: 'Změny',
      rolledBackTo: 'Vráceno na',
      revision: 'Revize %{number}',
      rollback: 'Vrátit na tuto revizi',
      rollbackTitle: 'Vrátit na revizi %{number}?',
      rollbackConfirm:
        'Nastavení bude přesně takové, jaké bylo po revizi %{number}. Vrácení se uloží jako nová revize a lze ho také vrátit.',
      rolledBack: 'Vráceno na revizi %{number}',
      compareWith: 'Porovnat s revizí',
      compare: 'Porovnat',
      export: 'Export',
      import: 'Import',
    },
    import: {
      title: 'Import nastavení',
      intro:
        'Vyberte soubor exportovaný ze Switchboardu. Nejprve uvidíte, co by se změnilo; nic se neuloží, dokud import nepotvrdíte.',
      chooseFile: 'Vybrat soubor',
      notJson: 'Soubor není platný JSON.',
      invalid: 'Soubor nelze importovat:',
      dryRun:
        'Změnilo by se jedno nastavení |||| Změnila by se %{smart_count} nastavení |||| Změnilo by se %{smart_count} nastavení',
      apply: 'Použít',
      applied: 'Nastavení importováno',
    },
    audit: {
      title: 'Auditní záznam',
      when: 'Kdy',
      actor: 'Kdo',
      actorId: 'ID aktéra',
      actorTypes: { user: 'uživatel', host: 'hostitel', system: 'systém' },
      action: 'Akce',
      actionHelp: 'Přesná akce, nebo předpona končící tečkou (settings.)',
      target: 'Cíl',
      outcome: 'Výsledek',
      outcomes: { success: 'Úspěch', denied: 'Zamítnuto', failed: 'Selhalo' },
      change: 'Předtím → potom',
      before: 'Předtím',
      after: 'Potom',
      noValue: '(žádná hodnota)',
      showAll: 'Zobrazit vše',
      showLess: 'Zobrazit méně',
      from: 'Od',
      to: 'Do',
      exportCsv: 'Export CSV',
    },
  },
};

export const cs: TranslationMessages = {
  ...czechMessages,
  ra: {
    ...czechMessages.ra,
    action: { ...czechMessages.ra.action, ...missingRaKeys.action },
    notification: { ...czechMessages.ra.notification, ...missingRaKeys.notification },
    guesser: { ...czechMessages.ra.guesser, ...missingRaKeys.guesser },
  },
  ...switchboardCs,
  ...modelMessages.cs,
};
