import { createHmac } from 'node:crypto';
import { NoticeMessage } from '../../dispatcher/notice';
import { Destination, Sender, absoluteLink, postJson } from './sender';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the channel's secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Generic webhook: one JSON POST per message, signed when the channel has a secret. The body carries the
 * workbench path in `link` and, with PUBLIC_BASE_URL, the absolute address in `url`.
 */
export class WebhookSender implements Sender {
  constructor(
    private readonly publicBaseUrl?: string,
    private readonly now: () => number = Date.now,
  ) {}

  async send(destination: Destination, messages: NoticeMessage[]): Promise<void> {
    for (const message of messages) {
      const body = JSON.stringify(
        this.publicBaseUrl ? { ...message, url: absoluteLink(message.link, this.publicBaseUrl) } : message,
      );
      const timestamp = String(this.now());
      const headers: Record<string, string> = { 'x-timestamp': timestamp, 'x-delivery-id': destination.deliveryId };
      if (destination.secret) headers['x-signature'] = webhookSignature(destination.secret, timestamp, body);
      await postJson(destination.target, body, headers, false);
    }
  }
}
