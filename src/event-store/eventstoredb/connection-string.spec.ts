import { withKeepAlive } from './connection-string';

describe('withKeepAlive', () => {
  it('adds both settings to a string without options', () => {
    expect(withKeepAlive('esdb://localhost:2113')).toBe(
      'esdb://localhost:2113?keepAliveInterval=10000&keepAliveTimeout=10000',
    );
    expect(withKeepAlive('esdb://localhost:2113/')).toBe(
      'esdb://localhost:2113?keepAliveInterval=10000&keepAliveTimeout=10000',
    );
  });

  it('appends to existing options, credentials and cluster hosts untouched', () => {
    const cluster = 'esdb://admin:changeit@node1:2113,node2:2113?tls=false&nodePreference=leader';
    expect(withKeepAlive(cluster)).toBe(`${cluster}&keepAliveInterval=10000&keepAliveTimeout=10000`);
  });

  it('keeps settings the string already has, matched as the client matches option names', () => {
    expect(withKeepAlive('esdb://localhost:2113?tls=false&keepAliveInterval=20000')).toBe(
      'esdb://localhost:2113?tls=false&keepAliveInterval=20000&keepAliveTimeout=10000',
    );
    expect(withKeepAlive('esdb://localhost:2113?keep-alive-timeout=30000&KEEPALIVEINTERVAL=15000')).toBe(
      'esdb://localhost:2113?keep-alive-timeout=30000&KEEPALIVEINTERVAL=15000',
    );
  });

  it('uses the given values', () => {
    expect(withKeepAlive('esdb+discover://cluster.example:2113', { intervalMs: 15_000, timeoutMs: 20_000 })).toBe(
      'esdb+discover://cluster.example:2113?keepAliveInterval=15000&keepAliveTimeout=20000',
    );
  });
});
