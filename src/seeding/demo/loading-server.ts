import Fastify, { FastifyInstance } from 'fastify';

/** What the loading server says while the demo year loads (before the application listens). */
export const LOADING_STATE = 'loading demo';

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5">
<title>正在加载演示数据 / Loading demo data</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:20vh auto;max-width:36rem;text-align:center;color:#1f2937}p{color:#6b7280}</style>
</head>
<body>
<h1>正在加载演示数据 / Loading demo data</h1>
<p>首次启动正在载入嘉定区 2021 年演示年度，约需一至两分钟；本页每 5 秒自动刷新。</p>
<p>The first start loads the Jiading 2021 demo year (a minute or two); this page reloads every 5 seconds.</p>
</body>
</html>
`;

/**
 * A tiny server on the application's port while the first boot loads the demo, so the address answers at
 * once instead of refusing connections: `/health` 200 with the state `loading demo`, `/health/ready` 503
 * with that reason, the API 503 problem+json, every other path a "loading" page. Closed before the
 * application listens; independent of the application and its workbench.
 */
export async function startLoadingServer(port: number, host: string): Promise<FastifyInstance> {
  const server = Fastify({ logger: false, forceCloseConnections: true });
  const body = { status: 'loading', state: LOADING_STATE, detail: '正在加载演示数据 / Loading demo data' };
  server.get('/health', async () => body);
  server.get('/health/live', async () => body);
  server.get('/health/ready', async (_request, reply) =>
    reply
      .code(503)
      .header('retry-after', '5')
      .send({ ...body, reason: LOADING_STATE }),
  );
  server.setNotFoundHandler(async (request, reply) => {
    reply.header('retry-after', '5');
    if (request.url.startsWith('/api')) {
      return reply.code(503).type('application/problem+json').send({
        type: 'about:blank',
        title: '正在加载演示数据 / Loading demo data',
        status: 503,
        detail: '演示数据载入后即可使用 / The API answers once the demo year has loaded',
      });
    }
    return reply.code(503).type('text/html; charset=utf-8').send(PAGE);
  });
  await server.listen({ port, host });
  return server;
}
