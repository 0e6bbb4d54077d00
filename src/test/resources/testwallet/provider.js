// A test wallet injected into the verify page: EIP-1193 requests, announced through EIP-6963. personal_sign
// requests wait in window.__lkWallet.pending until the test signs them with a real node and resolves them.
(() => {
  const account = '__ACCOUNT__';
  const pending = [];
  const provider = {
    request({ method, params }) {
      switch (method) {
        case 'eth_requestAccounts':
        case 'eth_accounts':
          return Promise.resolve([account]);
        case 'eth_chainId':
          return Promise.resolve('__CHAIN_HEX__');
        case 'personal_sign':
          return new Promise((resolve, reject) => pending.push({ params, resolve, reject }));
        default:
          return Promise.reject({ code: 4200, message: 'unsupported method ' + method });
      }
    },
    on() {},
    removeListener() {},
  };
  window.__lkWallet = { pending };
  const info = { uuid: '8f2a8c5e-0000-4000-8000-lorekeeper01', name: 'Test Wallet', icon: '', rdns: 'dev.lorekeeper.test' };
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider',
    { detail: Object.freeze({ info, provider }) }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
})();
