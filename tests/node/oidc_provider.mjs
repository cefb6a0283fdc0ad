// A real OpenID Connect provider for the browser tests: the OpenID-certified
// `oidc-provider` package with one confidential client (the dashboard) and the test's
// accounts. Usage: node oidc_provider.mjs CONFIG.json, where CONFIG holds
//   {"port": 41234, "client_id": "...", "client_secret": "...",
//    "redirect_uri": "http://127.0.0.1:PORT/oauth2callback",
//    "accounts": {"login": {"name": "...", "roles": [...], ...}, ...}}
// The sign-in form is the package's development form (a login and any password); an
// unknown login is refused. Claims go into the ID token, which is where Streamlit's
// st.login reads them (as Entra ID puts app roles there).
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const CLAIMS = ['name', 'preferred_username', 'locale', 'roles', 'department', 'organisation'];
const SCOPE = 'openid email profile';

const provider = new Provider(`http://127.0.0.1:${config.port}`, {
  clients: [{
    client_id: config.client_id,
    client_secret: config.client_secret,
    redirect_uris: [config.redirect_uri],
    post_logout_redirect_uris: [config.redirect_uri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: { openid: ['sub'], email: ['email'], profile: CLAIMS },
  conformIdTokenClaims: false, // the profile claims in the ID token, not only at userinfo
  cookies: { keys: ['failscale-test-provider'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const claims = config.accounts[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...claims }; } };
  },
  // A first-party application: no consent screen (as an organisation's own IdP does).
  async loadExistingGrant(ctx) {
    const { client, session, result } = ctx.oidc;
    const grantId = result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId,
                                                accountId: session.accountId });
    grant.addOIDCScope(SCOPE);
    grant.addOIDCClaims(CLAIMS);
    await grant.save();
    return grant;
  },
});

provider.listen(config.port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${provider.issuer}`);
});
