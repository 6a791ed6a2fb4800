// The classic-script fallback (`<script nomodule>`): only browsers without module scripts run it.
import { showUnsupportedNotice } from './unsupported.js';

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', function () {
    showUnsupportedNotice(document);
  });
} else {
  showUnsupportedNotice(document);
}
