import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from './Popup';
import { teachThisSite } from './teach';
import { database, readCaseload } from '../../store';

render(
  <Popup
    send={(m) => browser.runtime.sendMessage(m)}
    loadCaseload={async () => readCaseload(await database())}
    openOptions={() => void browser.runtime.openOptionsPage()}
    teachThisSite={teachThisSite}
  />,
  document.getElementById('app')!,
);
