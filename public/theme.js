/*
 * Sets the theme before the first paint, so a dark-mode user never sees a flash of the light
 * page. An external file because the CSP allows no inline script. The console's own pages read
 * the stored preference (src/lib/theme); the embedded console reads ?theme= from its frame URL,
 * which the host's SDK sets from its appearance option.
 */
(function () {
  var root = document.documentElement;
  var system = window.matchMedia('(prefers-color-scheme: dark)');
  function preference() {
    if (location.pathname === '/embed' || location.pathname.indexOf('/embed/') === 0) {
      var asked = new URLSearchParams(location.search).get('theme');
      return asked === 'dark' || asked === 'auto' ? (asked === 'auto' ? 'system' : 'dark') : 'light';
    }
    try {
      var stored = JSON.parse(localStorage.getItem('aurous-console:preferences') || 'null');
      var theme = stored && stored.state && stored.state.theme;
      return theme === 'light' || theme === 'dark' ? theme : 'system';
    } catch (error) {
      return 'system';
    }
  }
  var dark = preference() === 'dark' || (preference() === 'system' && system.matches);
  root.dataset.theme = dark ? 'dark' : 'light';
})();
