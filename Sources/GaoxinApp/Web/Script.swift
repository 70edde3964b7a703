/// The little JavaScript the UI has; every page works without it. It asks before deactivating.
enum Script {
    static let js = """
    document.addEventListener('submit', function (event) {
      var form = event.target;
      var action = form.getAttribute('action') || '';
      if (/\\/(deactivate|revoke)$/.test(action)) {
        var zh = document.documentElement.lang !== 'en';
        if (!window.confirm(zh ? '确定要执行此操作吗？' : 'Are you sure?')) { event.preventDefault(); }
      }
    });
    """
}
