import type { AddressInfo } from 'node:net';
import { EntityManager } from '@mikro-orm/core';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { SessionErasureRegistry } from '../src/privacy/session-erasure.registry.js';
import { threadOfMessageId } from '../src/transcripts/message-id.js';
import { eventually, sql } from './support/host-deliveries.js';
import { type ChatSandbox, startChatSandbox } from './support/chat-sandbox.js';
import { platformRequest } from './support/route-probes/panel.js';
import { hostToken } from './support/tenants.js';

interface Received {
  from: string;
  to: string[];
  mail: ParsedMail;
}

/** A real SMTP server in this process that keeps what it receives and can refuse on demand. */
async function startSmtpServer(): Promise<{
  port: number;
  received: Received[];
  /** Answer the next `count` messages with a temporary failure (451). */
  failNext(count: number): void;
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 'smtp-secret') {
        callback(null, { user: 'mailer' });
      } else {
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
