import { NoticeMessage } from '../../dispatcher/notice';

/** Where a message goes: a channel's address and secret, or a user's email address. */
export interface Destination {
  kind: 'email' | 'dingtalk' | 'wecom' | 'webhook';
  /** URL of a robot or webhook; email address(es) for email. */
  target: string;
  secret?: string | null;
  /** Stable id of this delivery (the receiver can drop a repeat). */
  deliveryId: string;
}

export class DeliveryError extends Error {}

/** Sends one message, or a digest of several (robots); throws DeliveryError with a reason that names no secret. */
export interface Sender {
  send(destination: Destination, messages: NoticeMessage[]): Promise<void>;
}

export const SEND_TIMEOUT_MS = 10_000;

/** A notification's link (a path of the workbench) under PUBLIC_BASE_URL: https://duban.example.gov.cn/warnings?warning=… */
export function absoluteLink(link: string, publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${link.startsWith('/') ? link : `/${link}`}`;
}

/** POSTs JSON and checks the answer: non-2xx, or `errcode` ≠ 0 for robots, is a failure. */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  robot: boolean,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new DeliveryError(
      `${(error as Error).name === 'TimeoutError' ? 'timeout' : 'network error'}${cause ? ` (${cause})` : ''}`,
    );
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new DeliveryError(`HTTP ${response.status} ${text.slice(0, 200)}`);
  if (robot) {
    let answer: { errcode?: number; errmsg?: string } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      throw new DeliveryError(`robot answered non-JSON: ${text.slice(0, 200)}`);
    }
    if (answer.errcode !== undefined && answer.errcode !== 0)
      throw new DeliveryError(`robot errcode ${answer.errcode}: ${answer.errmsg ?? ''}`);
  }
}

/** Markdown of one message or a digest (robots). */
export function markdownOf(messages: NoticeMessage[], linkBase?: string): { title: string; text: string } {
  const link = (m: NoticeMessage) => (linkBase ? `\n[查看 / Open](${absoluteLink(m.link, linkBase)})` : '');
  if (messages.length === 1) {
    const [m] = messages;
    return { title: m.title, text: `### ${m.title}\n\n${m.text}${link(m)}` };
  }
  const title = `督查通知汇总（${messages.length} 条）/ ${messages.length} notifications`;
  return {
    title,
    text: `### ${title}\n\n${messages.map((m) => `- **${m.title}**\n  ${m.text.replace(/\n/g, ' ')}${link(m)}`).join('\n')}`,
  };
}
