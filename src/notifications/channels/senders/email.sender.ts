import { createTransport, Transporter } from 'nodemailer';
import { NoticeMessage } from '../../dispatcher/notice';
import { DeliveryError, Destination, SEND_TIMEOUT_MS, Sender } from './sender';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Email over SMTP (SMTP_URL, MAIL_FROM): Chinese subject and body, plain text and HTML. */
export class EmailSender implements Sender {
  private transport?: Transporter;

  constructor(
    private readonly smtpUrl: string | undefined,
    private readonly from: string,
  ) {}

  async send(destination: Destination, messages: NoticeMessage[]): Promise<void> {
    if (!this.smtpUrl) throw new DeliveryError('SMTP_URL 未配置 / SMTP_URL is not set');
    this.transport ??= createTransport(this.smtpUrl, {
      connectionTimeout: SEND_TIMEOUT_MS,
      greetingTimeout: SEND_TIMEOUT_MS,
      socketTimeout: SEND_TIMEOUT_MS,
    });
    for (const m of messages) {
      try {
        await this.transport.sendMail({
          from: this.from,
          to: destination.target,
          subject: m.title,
          text: `${m.text}\n\n${m.link}`,
          html: `<h3>${escapeHtml(m.title)}</h3><p>${escapeHtml(m.text).replace(/\n/g, '<br>')}</p><p>${escapeHtml(m.link)}</p>`,
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
}
