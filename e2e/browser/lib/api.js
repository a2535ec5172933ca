// A small API client for the tests' own set-up ("another session"): logs in once, refreshes
// its tokens when they expire (the suite's server keeps access tokens for 5 s).
export class Api {
  constructor(base) {
    this.base = base;
    this.tokens = null;
    this.refreshing = null;
  }

  async login(email, password) {
    this.tokens = await this.#send('POST', '/auth/login', { email, password }, false);
  }

  async call(method, path, body) {
    const sent = this.tokens;
    try {
      return await this.#send(method, path, body, true);
    } catch (e) {
      if (e.status !== 401) throw e;
      // Refresh tokens are single-use: concurrent calls share one refresh.
      if (this.tokens === sent) {
        this.refreshing ??= this.#send('POST', '/auth/refresh', { refresh_token: sent.refresh_token }, false)
          .then((t) => { this.tokens = t; })
          .finally(() => { this.refreshing = null; });
      }
      await this.refreshing;
      return this.#send(method, path, body, true);
    }
  }

  async #send(method, path, body, auth) {
    const headers = { 'Content-Type': 'application/json' };
    if (auth) headers.Authorization = `Bearer ${this.tokens.access_token}`;
    const r = await fetch(`${this.base}/api/v1${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) {
      const e = new Error(`${method} ${path}: ${r.status} ${text}`);
      e.status = r.status;
      throw e;
    }
    return text ? JSON.parse(text) : null;
  }
}
