import type { AddressInfo } from 'node:net';
import { EntityManager } from '@mikro-orm/core';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { SessionErasureRegistry } from '../src/privacy/session-erasure.registry.js';
import { threadOfMessageId } from '../src/transcripts/message-id.js';
import { eventually, sql } from './support/host-deliveries.js';
import { type ChatSandbox, SANDBOX_TENANT, startChatSandbox } from './support/chat-sandbox.js';
import { captureLogs, type LogCapture } from './support/log-capture.js';
import { platformRequest } from './support/route-probes/panel.js';
import { type SandboxProcess, startSandboxProcess } from './support/sandbox-process.js';
import { startTestApp, TEST_PLATFORM_SECRET, type TestApp } from './support/test-app.js';
import { hostToken, panelSession } from './support/tenants.js';

interface Received {
  from: string;
  to: string[];
  mail: ParsedMail;
}

/**
 * A real SMTP server in this process that keeps what it receives and can refuse on demand. It
 * demands AUTH with these credentials.
 */
async function startSmtpServer(
  credentials: { user: string; password: string } = { user: 'mailer', password: 'smtp-secret' },
): Promise<{
  port: number;
  received: Received[];
  logins: string[];
  refusedLogins(): number;
  /** Answer the next `count` messages with a temporary failure (451). */
  failNext(count: number): void;
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  /** The users that logged in, and how many attempts were refused. */
  const logins: string[] = [];
  let refusedLogins = 0;
  let failures = 0;
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.password) {
        logins.push(credentials.user);
        callback(null, { user: credentials.user });
      } else {
        refusedLogins += 1;
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            mail,
          });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    logins,
    refusedLogins: () => refusedLogins,
    failNext: (count) => {
      failures = count;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const header = (mail: ParsedMail, name: string): string => {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/*
 * First in the file: the logger behind every app of one test file is the first app's
 * (nestjs-pino keeps one per process), and this block reads what its app logs.
 */
describe("a tenant's own SMTP relay, sent by the host platform at install", () => {
  const RELAY_PASSWORD = 'relay-password-83c1f9';
  const WRONG_PASSWORD = 'wrong-password-5d02aa';
  const ENV_PASSWORD = 'env-password-19b7e4';
  let envSmtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let relay: Awaited<ReturnType<typeof startSmtpServer>>;
  let sandbox: SandboxProcess;
  let t: TestApp;
  let logs: LogCapture;
  /** The sandbox's demo tenant (no relay: SMTP_*) and a second one with a relay of its own. */
  const plain = SANDBOX_TENANT;
  let own: string;

  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await sandbox.control<T>(method, path, body);
    if (response.status >= 300) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  };

  interface Installed {
    installation: { panelTokenSecret: string; responseBody: unknown };
  }

  const install = async (tenantId: string, smtp?: Record<string, unknown>): Promise<Installed> => {
    const installed = await control<Installed>('POST', `/tenants/${tenantId}/install-plugin`, {
      switchboardUrl: t.baseUrl,
      platformSecret: TEST_PLATFORM_SECRET,
      ...(smtp === undefined ? {} : { smtp }),
    });
    await eventually(
      async () =>
        (
          await sql(
            t,
            "select id from host_webhook_registration where tenant_id = ? and state = 'registered'",
            [tenantId],
          )
        )[0],
      15_000,
      `the webhook registration of tenant ${tenantId}`,
    );
    return installed;
  };

  const relayOf = (password: string): Record<string, unknown> => ({
    host: '127.0.0.1',
    port: relay.port,
    user: 'acme-relay',
    password,
    from: 'Acme Helpdesk <transcripts@acme.example>',
  });

  /** A client's conversation with an online operator, a transcript asked for, then ended. */
  const endedSessionWithTranscript = async (tenantId: string, email: string): Promise<string> => {
    const [firstPackage] = await control<{ packageId: number }[]>(
      'GET',
      `/tenants/${tenantId}/packages`,
    );
    const operator = (
      await control<{ id: number; status: string }[]>('GET', `/tenants/${tenantId}/operators`)
    ).find((o) => o.status === 'ONLINE')!.id;
    const created = await control<{ session: { id: number }; admitted: boolean }>(
      'POST',
      `/tenants/${tenantId}/sessions`,
      {
        packageId: firstPackage!.packageId,
        guest: { name: 'Jana Klientová', email },
        message: `Dobrý den, tenant ${tenantId}`,
      },
    );
    expect(created.admitted).toBe(true);
    const sessionId = String(created.session.id);
    await control('POST', `/sessions/${sessionId}/accept`, { userId: operator });
    await control('POST', `/sessions/${sessionId}/transcript-request`, { email });
    await eventually(
      async () => (await requestsOf(tenantId, sessionId))[0],
      15_000,
      `the transcript request of session ${sessionId}`,
    );
    await control('POST', `/sessions/${sessionId}/end`, { userId: operator });
    return sessionId;
  };

  const requestsOf = (tenantId: string, sessionId: string): Promise<Record<string, unknown>[]> =>
    sql(t, 'select * from transcript_request where tenant_id = ? and session_id = ?', [
      tenantId,
      sessionId,
    ]);

  const mailTo = (
    server: Awaited<ReturnType<typeof startSmtpServer>>,
    address: string,
  ): Promise<Received> =>
    eventually(
      () => server.received.find((r) => r.to.includes(address)),
      15_000,
      `an e-mail to ${address}`,
    );

  beforeAll(async () => {
    envSmtp = await startSmtpServer({ user: 'mailer', password: ENV_PASSWORD });
    relay = await startSmtpServer({ user: 'acme-relay', password: RELAY_PASSWORD });
    sandbox = await startSandboxProcess({ SANDBOX_HOOK_BUDGET_MS: '2000' });
    logs = captureLogs();
    t = await startTestApp({
      env: {
        // Everything logged is kept and searched for the passwords.
        LOG_LEVEL: 'trace',
        INBOX_POLL_MS: '50',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(envSmtp.port),
        SMTP_USER: 'mailer',
        SMTP_PASSWORD: ENV_PASSWORD,
        SMTP_FROM: 'Switchboard <prepisy@switchboard.test>',
        SMTP_TIMEOUT_MS: '5000',
        JOBS_RETRY_BASE_MS: '200',
        JOBS_POLL_MS: '50',
      },
      logDestination: logs.destination,
    });
    own = String((await control<{ tenantId: number }>('POST', '/seed', { name: 'Acme' })).tenantId);
    await install(plain);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await sandbox?.stop();
    await envSmtp?.close();
    await relay?.close();
  }, 60_000);

  it("sends the tenant's transcripts through its relay, with its credentials and sender", async () => {
    const installed = await install(own, relayOf(RELAY_PASSWORD));
    // Stored: the relay's address in its row, the credentials only as ciphertext.
    expect(
      await sql(t, 'select host, port, from_address from tenant_smtp_relay where tenant_id = ?', [
        own,
      ]),
    ).toEqual([
      {
        host: '127.0.0.1',
        port: relay.port,
        from_address: 'Acme Helpdesk <transcripts@acme.example>',
      },
    ]);
    const sealed = await sql(
      t,
      "select name, ciphertext from tenant_secret where tenant_id = ? and name like 'smtp%' order by name",
      [own],
    );
    expect(sealed.map((row) => row['name'])).toEqual(['smtpPassword', 'smtpUser']);
    expect(JSON.stringify(sealed)).not.toContain(RELAY_PASSWORD);
    expect(JSON.stringify(sealed)).not.toContain('acme-relay');
    expect(JSON.stringify(installed.installation.responseBody)).not.toContain(RELAY_PASSWORD);

    const sessionId = await endedSessionWithTranscript(own, 'acme-client@client.example');
    const delivered = await mailTo(relay, 'acme-client@client.example');
    expect(delivered.from).toBe('transcripts@acme.example');
    expect(delivered.mail.from?.value).toEqual([
      { address: 'transcripts@acme.example', name: 'Acme Helpdesk' },
    ]);
    // Message-IDs are minted under the tenant's sender domain.
    expect(delivered.mail.messageId).toMatch(/@acme\.example>$/);
    expect(relay.logins).toContain('acme-relay');
    expect(envSmtp.received.filter((r) => r.to.includes('acme-client@client.example'))).toEqual([]);
    await eventually(
      async () => ((await requestsOf(own, sessionId))[0]?.['state'] === 'sent' ? true : undefined),
      10_000,
      'the request marked sent',
    );

    // Neither the transcript requests nor the audit log the panel reads show the password.
    const admin = await panelSession(t, { tenantId: own, secrets: installed.installation }, [
      'admin',
    ]);
    for (const path of [`/api/sessions/${sessionId}/transcripts`, '/api/audit']) {
      const response = await fetch(`${t.baseUrl}${path}`, {
        headers: { authorization: admin.authorization },
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain(RELAY_PASSWORD);
      expect(text).not.toContain('acme-relay');
    }
    const [installedAudit] = await sql(
      t,
      "select details from audit_entry where tenant_id = ? and action = 'installation.installed'",
      [own],
    );
    const details = installedAudit?.['details'];
    expect(typeof details === 'string' ? JSON.parse(details) : details).toMatchObject({
      smtpRelay: `127.0.0.1:${relay.port}`,
    });
  }, 60_000);

  it('sends the transcripts of a tenant without a relay through the SMTP_* one', async () => {
    await endedSessionWithTranscript(plain, 'plain-client@client.example');
    const delivered = await mailTo(envSmtp, 'plain-client@client.example');
    expect(delivered.from).toBe('prepisy@switchboard.test');
    expect(delivered.mail.messageId).toMatch(/@switchboard\.test>$/);
    expect(envSmtp.logins).toContain('mailer');
    expect(relay.received.filter((r) => r.to.includes('plain-client@client.example'))).toEqual([]);
  }, 60_000);

  it('uses the credentials of a reinstall at once: a refused login is retried with the next ones', async () => {
    await install(own, relayOf(WRONG_PASSWORD));
    const refusedBefore = relay.refusedLogins();
    const sessionId = await endedSessionWithTranscript(own, 'retry-client@client.example');
    // The relay refuses the new (wrong) password: the send fails and waits for its retry.
    const [failed] = await eventually(
      async () => {
        const rows = await requestsOf(own, sessionId);
        return rows[0]?.['last_error'] == null ? undefined : rows;
      },
      15_000,
      'a failed attempt',
    );
    expect(relay.refusedLogins()).toBeGreaterThan(refusedBefore);
    expect(String(failed!['last_error'])).not.toContain(WRONG_PASSWORD);

    // The platform corrects the password: the retry goes through the relay.
    await install(own, relayOf(RELAY_PASSWORD));
    await mailTo(relay, 'retry-client@client.example');
    await eventually(
      async () => ((await requestsOf(own, sessionId))[0]?.['state'] === 'sent' ? true : undefined),
      15_000,
      'the request marked sent',
    );
    expect(envSmtp.received.filter((r) => r.to.includes('retry-client@client.example'))).toEqual(
      [],
    );
  }, 60_000);

  it('falls back to the SMTP_* relay after a reinstall without one, and forgets it at uninstall', async () => {
    await install(own);
    expect(
      await sql(t, 'select tenant_id from tenant_smtp_relay where tenant_id = ?', [own]),
    ).toEqual([]);
    expect(
      await sql(t, "select name from tenant_secret where tenant_id = ? and name like 'smtp%'", [
        own,
      ]),
    ).toEqual([]);
    await endedSessionWithTranscript(own, 'after-client@client.example');
    await mailTo(envSmtp, 'after-client@client.example');
    expect(relay.received.filter((r) => r.to.includes('after-client@client.example'))).toEqual([]);

    await install(own, relayOf(RELAY_PASSWORD));
    await control('POST', `/tenants/${own}/uninstall-plugin`);
    expect(
      await sql(t, 'select tenant_id from tenant_smtp_relay where tenant_id = ?', [own]),
    ).toEqual([]);
    expect(await sql(t, 'select name from tenant_secret where tenant_id = ?', [own])).toEqual([]);
  }, 60_000);

  it('never writes a password to the log', async () => {
    // The log is written; it names the relay each e-mail went through.
    const sent = await eventually(
      () => {
        const lines = logs.lines.filter((line) => line.includes('transcript e-mail sent'));
        return lines.some((line) => line.includes('"relay":"tenant"')) ? lines : undefined;
      },
      10_000,
      'the sent lines in the log',
    );
    expect(sent.some((line) => line.includes('"relay":"env"'))).toBe(true);
    const text = logs.text();
    for (const password of [RELAY_PASSWORD, WRONG_PASSWORD, ENV_PASSWORD]) {
      expect(text).not.toContain(password);
    }
  });
});

describe('transcript e-mails (setting 8) through a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let chat: ChatSandbox;

  /** A conversation between a client and the first online operator, with a marker of its own. */
  const conversation = async (marker: string): Promise<string> => {
    const sessionId = await chat.newSession({ message: `Dobrý den, mám dotaz ${marker}` });
    await chat.control('POST', `/sessions/${sessionId}/messages`, {
      from: 'operator',
      userId: chat.operatorIds[0],
      text: `Dobrý den, rádi pomůžeme (${marker}).`,
    });
    await chat.control('POST', `/sessions/${sessionId}/files`, {
      name: `priloha-${marker}.pdf`,
      contentType: 'application/pdf',
      size: 100,
    });
    return sessionId;
  };

  const end = (sessionId: string): Promise<unknown> =>
    chat.control('POST', `/sessions/${sessionId}/end`, { userId: chat.operatorIds[0] });

  const requestsOf = async (sessionId: string): Promise<Record<string, unknown>[]> =>
    sql(chat.t, 'select * from transcript_request where tenant_id = ? and session_id = ?', [
      chat.tenantId,
      sessionId,
    ]);

  const mailTo = (address: string, count = 1): Promise<Received[]> =>
    eventually(
      () => {
        const found = smtp.received.filter((r) => r.to.includes(address));
        return found.length >= count ? found : undefined;
      },
      15_000,
      `${count} e-mail(s) to ${address}`,
    );

  beforeAll(async () => {
    smtp = await startSmtpServer();
    chat = await startChatSandbox({
      appEnv: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(smtp.port),
        SMTP_USER: 'mailer',
        SMTP_PASSWORD: 'smtp-secret',
        SMTP_FROM: 'Demo podpora <prepisy@switchboard.test>',
        SMTP_TIMEOUT_MS: '5000',
        JOBS_RETRY_BASE_MS: '200',
        JOBS_POLL_MS: '50',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
    await smtp?.close();
  }, 60_000);

  it('sends the Czech transcript once the session ends, with the operator as Reply-To', async () => {
    const other = await conversation('cizi-klient-7731');
    const sessionId = await conversation('muj-dotaz-4242');
    await chat.control('POST', `/sessions/${sessionId}/transcript-request`, {
      email: 'jana@client.example',
    });
    await chat.settle();
    // The conversation is still going: nothing is sent before it ends.
    expect(await requestsOf(sessionId)).toEqual([
      expect.objectContaining({ state: 'waiting', recipient: 'jana@client.example' }),
    ]);
    expect(smtp.received).toEqual([]);

    await end(sessionId);
    const [delivered] = await mailTo('jana@client.example');
    const { mail } = delivered!;
    const operators = await chat.control<{ id: number; email: string }[]>(
      'GET',
      `/tenants/${chat.tenantId}/operators`,
    );
    const operatorEmail = operators.find((o) => o.id === chat.operatorIds[0])!.email;
    expect(mail.replyTo?.value.map((a) => a.address)).toEqual([operatorEmail]);
    expect(mail.from?.value).toEqual([
      { address: 'prepisy@switchboard.test', name: 'Demo podpora' },
    ]);
    expect(delivered!.from).toBe('prepisy@switchboard.test');
    expect(mail.subject).toMatch(
      /^Přepis vaší konverzace ze dne \d{1,2}\. [a-zěščřžýáíéůú]+ \d{4}$/,
    );
    expect(threadOfMessageId(mail.messageId ?? '')).toEqual({
      tenantId: chat.tenantId,
      sessionId,
      requestId: (await requestsOf(sessionId))[0]!['id'],
    });
    expect(header(mail, 'x-switchboard-session')).toBe(sessionId);

    // Times in the tenant's zone (Europe/Prague), the client's and the operator's lines.
    const session = await chat.session(sessionId);
    const firstMessage = session.activities.find((a) => a.type === 'ChatMessage')!;
    const activityTime = firstMessage.time;
    const pragueTime = new Intl.DateTimeFormat('cs-CZ', {
      timeZone: 'Europe/Prague',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(activityTime));
    expect(mail.text).toContain(`[${pragueTime}] Vy: Dobrý den, mám dotaz muj-dotaz-4242`);
    expect(mail.text).toContain('Jana: Dobrý den, rádi pomůžeme (muj-dotaz-4242).');
    expect(mail.text).toContain('Vy: Soubor: priloha-muj-dotaz-4242.pdf');
    expect(mail.text).toContain('Časy jsou uvedeny v časovém pásmu Europe/Prague.');
    expect(mail.html).toContain('<html lang="cs">');
    expect(mail.html).toContain('Dobrý den, mám dotaz muj-dotaz-4242');
    expect(mail.html).toContain('Odesláno službou Switchboard');
    // Nothing of the other client's conversation.
    for (const part of [mail.text ?? '', String(mail.html), mail.subject ?? '']) {
      expect(part).not.toContain('cizi-klient-7731');
    }
    expect(smtp.received.filter((r) => r.to.includes('jana@client.example'))).toHaveLength(1);
    // Recorded once the SMTP server has accepted the message, so possibly a moment after it.
    await eventually(
      async () => ((await requestsOf(sessionId))[0]?.['state'] === 'sent' ? true : undefined),
      10_000,
      'the request recorded as sent',
    );
    expect(await requestsOf(sessionId)).toEqual([
      expect.objectContaining({ state: 'sent', attempts: 1 }),
    ]);
    const audit = await sql(
      chat.t,
      "select outcome from audit_entry where tenant_id = ? and action = 'transcript.sent' and target_id = ?",
      [chat.tenantId, sessionId],
    );
    expect(audit).toEqual([{ outcome: 'success' }]);
    await end(other);
  });

  it('uses the company address as Reply-To, in English for an English tenant, after an SMTP failure', async () => {
    await chat.setSettings({
      'chat.transcriptReplyTo': { mode: 'company', companyAddress: 'podpora@demo.example' },
    });
    // The tenant as installed in English, in another zone.
    await sql(
      chat.t,
      "update tenant set locale = 'en', time_zone = 'America/New_York' where id = ?",
      [chat.tenantId],
    );
    const sessionId = await conversation('english-9090');
    await end(sessionId);
    await chat.settle();
    smtp.failNext(1);
    // An operator sends it for the client after the end: it goes at once.
    const operator = `Bearer ${await hostToken(chat.installation.panelTokenSecret, {
      tenantId: chat.tenantId,
      roles: ['operator'],
      userId: String(chat.operatorIds[0]),
    })}`;
    const response = await fetch(`${chat.t.baseUrl}/api/sessions/${sessionId}/transcripts`, {
      method: 'POST',
      headers: { authorization: operator, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: 'john@client.example' }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      sessionId,
      requestedBy: 'operator',
      state: 'queued',
      recipient: 'john@client.example',
    });

    const [delivered] = await mailTo('john@client.example');
    const { mail } = delivered!;
    expect(mail.replyTo?.value.map((a) => a.address)).toEqual(['podpora@demo.example']);
    expect(mail.subject).toMatch(/^Transcript of your conversation on \d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(mail.text).toContain('You: Dobrý den, mám dotaz english-9090');
    expect(mail.text).toContain('Times are given in the America/New_York time zone.');
    expect(mail.text).toContain('You: File: priloha-english-9090.pdf');
    expect(mail.html).toContain('<html lang="en">');
    expect(mail.html).toContain('Sent by Switchboard');
    // The first attempt met a 451; the job tried again and sent exactly one message.
    await eventually(
      async () => ((await requestsOf(sessionId))[0]?.['state'] === 'sent' ? true : undefined),
      10_000,
      'the request marked sent',
    );
    expect(await requestsOf(sessionId)).toEqual([
      expect.objectContaining({ state: 'sent', attempts: 2 }),
    ]);
    expect(smtp.received.filter((r) => r.to.includes('john@client.example'))).toHaveLength(1);

    const listed = await fetch(`${chat.t.baseUrl}/api/sessions/${sessionId}/transcripts`, {
      headers: { authorization: operator },
    });
    expect(await listed.json()).toEqual([
      expect.objectContaining({ state: 'sent', replyTo: 'podpora@demo.example', attempts: 2 }),
    ]);
  }, 30_000);

  it('refuses a bad address and an unknown session with a 4xx', async () => {
    const host = `Bearer ${await hostToken(chat.installation.panelTokenSecret, {
      tenantId: chat.tenantId,
      roles: ['host'],
    })}`;
    const post = (sessionId: string, body: unknown): Promise<Response> =>
      fetch(`${chat.t.baseUrl}/api/sessions/${sessionId}/transcripts`, {
        method: 'POST',
        headers: { authorization: host, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const invalid = await post('1', { recipient: 'not an address' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      code: 'validation_failed',
      errors: [expect.objectContaining({ path: 'recipient' })],
    });
    const unknown = await post('999999', { recipient: 'a@client.example' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'session_not_found' });
  });

  it('erases the requests (the recipient address) when the session is anonymized', async () => {
    const sessionId = await conversation('erase-5151');
    await chat.control('POST', `/sessions/${sessionId}/transcript-request`, {
      email: 'erase@client.example',
    });
    await chat.settle();
    expect(await requestsOf(sessionId)).toHaveLength(1);
    const results = await chat.t.app
      .get(EntityManager)
      .fork()
      .transactional((em) =>
        chat.t.app
          .get(SessionErasureRegistry)
          .eraseSession({ tenantId: chat.tenantId, sessionId }, em),
      );
    expect(results).toContainEqual({ owner: 'transcripts', category: 'transcript', erased: 1 });
    expect(await requestsOf(sessionId)).toEqual([]);
    // Ending it now sends nothing: the request is gone.
    await end(sessionId);
    await chat.settle();
    expect(smtp.received.filter((r) => r.to.includes('erase@client.example'))).toEqual([]);
  });

  it("brands the e-mail with the tenant's partner theme: product name, colour, logo", async () => {
    const partner = await platformRequest(chat.t, 'PUT', '/api/platform/partners/northwind', {
      name: 'Northwind Telecom',
      theme: {
        productName: 'Northwind Desk',
        logo: '/admin/northwind-logo.svg',
        colors: { light: { primary: '#ffd43b' } },
      },
    });
    expect(partner.status).toBeLessThan(300);
    const assigned = await platformRequest(
      chat.t,
      'PUT',
      `/api/platform/tenants/${chat.tenantId}/partner`,
      { partnerId: 'northwind' },
    );
    expect(assigned.status).toBe(200);
    try {
      const sessionId = await conversation('brand-6161');
      await chat.control('POST', `/sessions/${sessionId}/transcript-request`, {
        email: 'brand@client.example',
      });
      await chat.settle();
      await end(sessionId);
      const [delivered] = await mailTo('brand@client.example');
      const html = String(delivered!.mail.html);
      expect(html).toContain('Northwind Desk');
      expect(html).not.toContain('Switchboard');
      // A light partner colour gets dark text. Without PUBLIC_URL the backend has no absolute
      // address for the logo, so the product name stands in (a relative src would break in mail).
      expect(html).toContain('#ffd43b');
      expect(html).toContain('#000000');
      expect(html).not.toContain('northwind-logo.svg');
    } finally {
      await platformRequest(chat.t, 'PUT', `/api/platform/tenants/${chat.tenantId}/partner`, {
        partnerId: null,
      });
    }
  });
});
