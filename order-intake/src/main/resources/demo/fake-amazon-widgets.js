/*
 * A local fake of Amazon Pay's widget script (OffAmazonPayments.Button / .Widgets and amazon.Login),
 * for the demo lander only: Amazon cannot be reached from local runs. It follows the calls of the
 * real integration (docs/merchant guide, CheckoutChamp's "Amazon Pay API Integration"):
 * - the Amazon Pay button calls your authorization function, which calls amazon.Login.authorize; the
 *   fake "signs in" at once and returns to the page with ?access_token=Atza|... (a token the sandbox's
 *   Login with Amazon accepts);
 * - the AddressBook widget creates an order reference (S01-...) or, with agreementType
 *   "BillingAgreement", a billing agreement (B01-...);
 * - the Wallet widget shows a card chooser; the Consent widget a consent box (recurring).
 * Never served in production.
 */
(function (global) {
  "use strict";
  var renders = { wallet: 0 };

  function digits(n) {
    var s = "";
    for (var i = 0; i < n; i++) { s += Math.floor(Math.random() * 10); }
    return s;
  }

  function Button(elementId, sellerId, options) {
    var element = global.document.getElementById(elementId);
    element.innerHTML = "<button type='button' id='amazon-pay-button' class='fake-amazon-button'>"
      + "amazon pay <small>(demo sign-in)</small></button>";
    global.document.getElementById("amazon-pay-button").addEventListener("click", function () {
      options.authorization();
    });
  }

  var Login = {
    setClientId: function () {},
    /* Signs in at once and returns to redirectUrl with the access token in the query, as Amazon does. */
    authorize: function (loginOptions, redirectUrl) {
      var url = new URL(redirectUrl || global.location.href, global.location.href);
      url.searchParams.set("access_token", "Atza|IwEBIdemo-" + digits(12) + "-" + Date.now());
      global.location.assign(url.toString());
    },
    logout: function () {}
  };

  function AddressBook(options) { this.options = options; }
  AddressBook.prototype.bind = function (elementId) {
    var element = global.document.getElementById(elementId);
    var agreement = this.options.agreementType === "BillingAgreement";
    var id = (agreement ? "B01-" : "S01-") + digits(7) + "-" + digits(7);
    element.innerHTML = "<div class='fake-widget'>Ship to: Jane Q Doe, 1 Main St <small>("
      + (agreement ? "billing agreement " : "order reference ") + id + ")</small></div>";
    var options = this.options;
    global.setTimeout(function () {
      if (agreement && options.onReady) {
        options.onReady({ getAmazonBillingAgreementId: function () { return id; } });
      } else if (options.onOrderReferenceCreate) {
        options.onOrderReferenceCreate({ getAmazonOrderReferenceId: function () { return id; } });
      }
    }, 0);
  };

  function Wallet(options) { this.options = options; }
  Wallet.prototype.bind = function (elementId) {
    renders.wallet++;
    var element = global.document.getElementById(elementId);
    element.setAttribute("data-renders", String(renders.wallet));
    element.innerHTML = "<div class='fake-widget'>Pay with: <select id='fake-card'><option>Visa ending 1111</option>"
      + "<option>Mastercard ending 4444</option></select> (wallet shown " + renders.wallet + "x)</div>";
  };

  /* The Consent widget of recurring payments: onConsent(status) when the buyer ticks or unticks the box. */
  function Consent(options) { this.options = options; }
  Consent.prototype.bind = function (elementId) {
    var element = global.document.getElementById(elementId);
    element.innerHTML = "<div class='fake-widget'><label><input type='checkbox' id='fake-consent'> Use my selected"
      + " payment method for future purchases and payments to this merchant</label></div>";
    var options = this.options;
    global.document.getElementById("fake-consent").addEventListener("change", function (event) {
      var given = event.target.checked;
      if (options.onConsent) {
        options.onConsent({ getConsentStatus: function () { return given ? "true" : "false"; } });
      }
    });
  };

  global.OffAmazonPayments = { Button: Button, Widgets: { AddressBook: AddressBook, Wallet: Wallet, Consent: Consent } };
  global.amazon = { Login: Login };
})(window);
