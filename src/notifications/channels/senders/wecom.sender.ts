import { NoticeMessage } from '../../dispatcher/notice';
import { Destination, Sender, markdownOf, postJson } from './sender';

/** WeCom robots refuse markdown content over 4,096 bytes (UTF-8). */
export const WECOM_MAX_BYTES = 4096;

/** Cuts text to at most `maxBytes` of UTF-8 without splitting a character, marking the cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const marker = '…（已截断 / truncated）';
  const budget = maxBytes - Buffer.byteLength(marker, 'utf8');
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > budget) break;
    out += ch;
    bytes += size;
  }
  return out + marker;
}

/** WeCom group robot (企业微信群机器人): markdown content within 4,096 bytes. */
export class WeComSender implements Sender {
  /** PUBLIC_BASE_URL: each message links to the workbench (no link without it). */
  constructor(private readonly publicBaseUrl?: string) {}

  async send(destination: Destination, messages: NoticeMessage[]): Promise<void> {
    const content = truncateUtf8(markdownOf(messages, this.publicBaseUrl).text, WECOM_MAX_BYTES);
    await postJson(destination.target, JSON.stringify({ msgtype: 'markdown', markdown: { content } }), {}, true);
  }
}
