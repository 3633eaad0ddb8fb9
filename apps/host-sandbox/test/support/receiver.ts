import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Json } from './sandbox-harness.js';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  json: Json;
  at: number;
}

export interface Answer {
  status: number;
  body?: unknown;
  delayMs?: number;
}

export type Responder = (request: ReceivedRequest) => Answer | Promise<Answer>;

/** A tiny HTTP server playing Switchboard: records every request and answers per path. */
export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly responders = new Map<string, Responder>();
  private server: Server | null = null;
  url = '';

  on(path: string, responder: Responder): this {
    this.responders.set(path, responder);
    return this;
  }

  to(path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const json = parseJson(body);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const request: ReceivedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      json,
      at: Date.now(),
    };
    this.requests.push(request);
    const responder: Responder = this.responders.get(path) ?? (() => ({ status: 204 }));
    const answer = await responder(request);
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (res.destroyed) return;
    if (answer.body === undefined) {
      res.writeHead(answer.status).end();
    } else {
      res
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(answer.body));
    }
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

function parseJson(text: string): Json {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
