// For django-otp-webauthn's scripts (loaded after this one): their messages in the page's
// language, from the page's JSON data block, in place of Django's JavaScript catalogue.
(function () {
  "use strict";
  const block = document.getElementById("passkey-messages");
  const messages = block ? JSON.parse(block.textContent) : {};
  window.gettext = function (message) {
    return Object.prototype.hasOwnProperty.call(messages, message) ? messages[message] : message;
  };
  // A new passkey: reload the list, which now shows it (with the server's message).
  document.addEventListener("otp_webauthn.register_complete", function () {
    window.location.reload();
  });
})();
