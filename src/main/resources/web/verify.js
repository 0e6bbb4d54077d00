// Lorekeeper verify page: find the browser's wallets (EIP-6963, then window.ethereum), get the sign-in message
// from the bot, ask the wallet to sign it with personal_sign, and show the bot's answer. Nothing else is loaded.
'use strict';
(function () {
  const token = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
  const api = '/api/verify/' + encodeURIComponent(token);
  const $ = (id) => document.getElementById(id);
  const providers = new Map();

  $('domain').textContent = location.host;

  function status(text) { $('status').textContent = text; }

  function result(text, ok) {
    const el = $('result');
    el.textContent = text;
    el.className = 'result ' + (ok ? 'ok' : 'bad');
    el.hidden = false;
    status('');
    el.scrollIntoView({ block: 'center' });
  }

  async function call(path, body) {
    const res = await fetch(path, body === undefined ? {} : {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    let data;
    try { data = await res.json(); } catch (e) { data = { ok: false, message: 'Unexpected answer from the server.' }; }
    return data;
  }

  function toHex(text) {
    return '0x' + Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function walletError(e) {
    if (e && e.code === 4001) return 'You declined in your wallet. Nothing was signed; pick a wallet to try again.';
    return 'Your wallet reported an error: ' + ((e && e.message) || e) + '. Try again.';
  }

  async function verifyWith(provider) {
    $('result').hidden = true;
    try {
      status('Asking your wallet for its address…');
      const accounts = await provider.request({ method: 'eth_requestAccounts' });
      if (!accounts || accounts.length === 0) { result('Your wallet shared no address.', false); return; }
      const address = accounts[0];
      status('Preparing the message…');
      const issued = await call(api + '/message', { address });
      if (!issued.ok) { result(issued.message, false); return; }
      $('message').textContent = issued.message;
      $('sign').hidden = false;
      status('Approve the signature in your wallet…');
      const signature = await provider.request({ method: 'personal_sign', params: [toHex(issued.message), address] });
      status('Checking the signature…');
      const done = await call(api, { message: issued.message, signature });
      result(done.message, done.ok);
      if (done.ok) { $('choose').hidden = true; $('sign').hidden = true; }
    } catch (e) {
      result(walletError(e), false);
    }
  }

  function renderWallets() {
    const list = $('wallets');
    for (const [id, p] of providers) {
      if (list.querySelector('[data-wallet="' + CSS.escape(id) + '"]')) continue;
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.wallet = id;
      if (p.info.icon && p.info.icon.startsWith('data:image/')) {
        const img = document.createElement('img');
        img.src = p.info.icon;
        img.alt = '';
        b.append(img);
      }
      b.append(document.createTextNode(p.info.name));
      b.addEventListener('click', () => verifyWith(p.provider));
      list.append(b);
    }
    $('choose').hidden = providers.size === 0;
    $('nowallet').hidden = providers.size > 0;
  }

  window.addEventListener('eip6963:announceProvider', (event) => {
    const d = event.detail;
    if (d && d.info && d.provider && !providers.has(d.info.uuid)) {
      providers.set(d.info.uuid, { info: d.info, provider: d.provider });
      renderWallets();
    }
  });

  async function start() {
    const session = await call(api);
    if (!session.ok) { $('who').textContent = ''; result(session.message, false); return; }
    $('who').textContent = 'Linking a wallet to ' + session.member + ' in ' + session.guild + '.';
    window.dispatchEvent(new Event('eip6963:requestProvider'));
    // Wallets that do not speak EIP-6963 still inject window.ethereum (EIP-1193).
    setTimeout(() => {
      if (providers.size === 0 && window.ethereum) {
        providers.set('injected', { info: { name: 'Browser wallet', icon: '' }, provider: window.ethereum });
      }
      renderWallets();
    }, 300);
  }

  start().catch(() => result('Could not reach the server. Check your connection and reload.', false));
})();
