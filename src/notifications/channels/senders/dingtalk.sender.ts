import { createHmac } from 'node:crypto';
import { NoticeMessage } from '../../dispatcher/notice';
import { Destination, Sender, markdownOf, postJson } from './sender';

/** 加签: `sign` = URL-encoded base64 HMAC-SHA256 (key: the secret) of `timestamp + "\n" + secret`. */
export function dingTalkSign(secret: string, timestamp: string): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
}

/** DingTalk group robot (钉钉群机器人): a markdown message; signed URL when the channel has a secret. */
export class DingTalkSender implements Sender {
  constructor(
    /** PUBLIC_BASE_URL: each message links to the workbench (no link without it). */
    private readonly publicBaseUrl?: string,
    private readonly now: () => number = Date.now,
  ) {}

  async send(destination: Destination, messages: NoticeMessage[]): Promise<void> {
    let url = destination.target;
    if (destination.secret) {
      const timestamp = String(this.now());
      url += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${dingTalkSign(destination.secret, timestamp)}`;
    }
    await postJson(
      url,
      JSON.stringify({ msgtype: 'markdown', markdown: markdownOf(messages, this.publicBaseUrl) }),
      {},
      true,
    );
  }
}
