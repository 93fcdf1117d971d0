import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedRequest {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** When it arrived (ms). */
  at: number;
}

/** An HTTP server on 127.0.0.1 that records every POST and answers what `respond` says (a robot, a webhook). */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** Status and body for the next request; defaults to 200 `{"errcode":0}`. */
  respond: (req: ReceivedRequest) => { status: number; body?: string } = () => ({
    status: 200,
    body: '{"errcode":0,"errmsg":"ok"}',
  });
  private server?: Server;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const received = {
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        };
        const answer = this.respond(received);
        if (answer.status < 300) this.requests.push(received);
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body ?? '{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** When it arrived (ms). */
  at: number;
}

/** A real SMTP server on 127.0.0.1 (the smtp-server package) that keeps what it receives. */
export class SmtpReceiver {
  readonly mails: ReceivedMail[] = [];
  /** SMTP connections opened to it (a pooled sender carries many mails over few). */
  connections = 0;
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => {
        this.connections++;
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            at: Date.now(),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
