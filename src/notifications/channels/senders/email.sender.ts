import { createTransport, Transporter } from 'nodemailer';
import { NoticeMessage } from '../../dispatcher/notice';
import { DeliveryError, Destination, SEND_TIMEOUT_MS, Sender, absoluteLink } from './sender';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Messages one pooled connection carries before the pool opens a fresh one. */
const MESSAGES_PER_CONNECTION = 100;

/**
 * The transport's settings as query parameters of SMTP_URL (nodemailer reads a URL's options from its
 * query): a pool of at most `connections` connections, and the timeouts. What SMTP_URL itself sets wins.
 */
export function pooledSmtpUrl(smtpUrl: string, connections: number): string {
  const url = new URL(smtpUrl);
  const settings: Record<string, string> = {
    pool: 'true',
    maxConnections: String(connections),
    maxMessages: String(MESSAGES_PER_CONNECTION),
    connectionTimeout: String(SEND_TIMEOUT_MS),
    greetingTimeout: String(SEND_TIMEOUT_MS),
    socketTimeout: String(SEND_TIMEOUT_MS),
  };
  for (const [key, value] of Object.entries(settings)) if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * Email over SMTP (SMTP_URL, MAIL_FROM): Chinese subject and body, plain text and HTML. One pool of
 * SMTP connections (at most as many as the lane sends at once) carries every message, instead of a
 * connection and a greeting per message. Links are absolute with PUBLIC_BASE_URL, paths without it.
 */
export class EmailSender implements Sender {
  private transport?: Transporter;

  constructor(
    private readonly smtpUrl: string | undefined,
    private readonly from: string,
    private readonly connections: number,
    private readonly publicBaseUrl?: string,
  ) {}

  async send(destination: Destination, messages: NoticeMessage[]): Promise<void> {
    if (!this.smtpUrl) throw new DeliveryError('SMTP_URL 未配置 / SMTP_URL is not set');
    this.transport ??= this.openPool(this.smtpUrl);
    for (const m of messages) {
      try {
        await this.transport.sendMail({
          from: this.from,
          to: destination.target,
          subject: m.title,
          text: `${m.text}\n\n${this.linkText(m)}`,
          html: `<h3>${escapeHtml(m.title)}</h3><p>${escapeHtml(m.text).replace(/\n/g, '<br>')}</p><p>${this.linkHtml(m)}</p>`,
          headers: { 'X-Delivery-Id': destination.deliveryId },
        });
      } catch (error) {
        const e = error as { code?: string; responseCode?: number; message?: string };
        // nodemailer's messages may repeat the URL; name the code, not the credentials.
        throw new DeliveryError(
          `SMTP ${e.code ?? ''} ${e.responseCode ?? ''}`.trim() +
            (e.responseCode ? '' : ` ${(e.message ?? '').replace(/\/\/[^@\s]*@/g, '//***@').slice(0, 200)}`),
        );
      }
    }
  }

  close(): void {
    this.transport?.close();
  }

  private openPool(smtpUrl: string): Transporter {
    const transport = createTransport(pooledSmtpUrl(smtpUrl, this.connections));
    // A pooled connection that fails while idle is dropped and reopened by the pool; never an unhandled error.
    transport.on('error', () => undefined);
    return transport;
  }

  private linkText(m: NoticeMessage): string {
    return this.publicBaseUrl
      ? `查看 / Open: ${absoluteLink(m.link, this.publicBaseUrl)}`
      : `在督查系统中打开 / Open in the supervision system: ${m.link}`;
  }

  private linkHtml(m: NoticeMessage): string {
    if (!this.publicBaseUrl) return `在督查系统中打开 / Open in the supervision system: ${escapeHtml(m.link)}`;
    const href = escapeHtml(absoluteLink(m.link, this.publicBaseUrl));
    return `<a href="${href}">查看 / Open</a> ${href}`;
  }
}
