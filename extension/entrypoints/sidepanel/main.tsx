/** Side panel entry: mounts the React app and asks the background to sync after local writes. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../components/App';
import { setSyncTrigger } from '../../sync/trigger';
import '../../components/panel.css';

// The sync client loads with the first local write, not with the first paint.
setSyncTrigger(() => import('../../sync/index').then((m) => m.requestSync()).then(() => undefined));

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
