import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../background/start';
import { installSync } from '../sync/background-sync';

export default defineBackground({
  type: 'module',
  main() {
    // Sync registers its alarm handler first; the background's listeners then route to it.
    const sync = installSync();
    startBackground({ syncNow: sync.syncNow, syncOnOpen: sync.syncOnOpen, syncConnected: sync.connected, sending: sync.sending });
  },
});
