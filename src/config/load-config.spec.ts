import { InvalidConfigError, loadConfig } from './load-config';
import { applicationClock } from './application-clock';

describe('configuration', () => {
  it('takes config/default.json, then config/<env>.json, then environment variables', () => {
    const config = loadConfig({ NODE_ENV: 'test', PORT: '4100', DATA_DIR: '/tmp/x', DEMO: 'yes' });
    expect(config).toMatchObject({
      env: 'test',
      port: 4100,
      dataDir: '/tmp/x',
      demo: true,
      logLevel: 'warn',
      host: '127.0.0.1',
    });
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toMatchObject({
      demo: false,
      port: 3000,
    });
  });

  it('stops the boot with a message naming each bad setting by its variable', () => {
    const load = () =>
      loadConfig({
        NODE_ENV: 'test',
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        DEMO: 'maybe',
        ADMIN_USERNAME: 'root',
      });
    expect(load).toThrow(InvalidConfigError);
    try {
      load();
    } catch (error) {
      const problems = (error as InvalidConfigError).problems.join('\n');
      for (const variable of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'DEMO', 'ADMIN_USERNAME and ADMIN_PASSWORD']) {
        expect(problems).toContain(variable);
      }
    }
  });

  it('refuses an unknown environment and a short admin password', () => {
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/env/);
    expect(() => loadConfig({ NODE_ENV: 'test', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'short' })).toThrow(
      /ADMIN_PASSWORD/,
    );
  });

  it('runs a simulated clock for the demo on the embedded database, real time otherwise', () => {
    const demo = loadConfig({ NODE_ENV: 'development', DEMO_UNTIL_MONTH: '2021-09' });
    expect(applicationClock(demo, 'embedded').now().toISOString().slice(0, 10)).toBe('2021-10-08');
    expect(Math.abs(applicationClock(demo, 'postgres').now().getTime() - Date.now())).toBeLessThan(1000);
    const fixed = loadConfig({ NODE_ENV: 'test', CLOCK_START: '2021-06-01T00:00:00+08:00' });
    expect(applicationClock(fixed, 'postgres').now().toISOString().slice(0, 10)).toBe('2021-05-31');
  });
});
