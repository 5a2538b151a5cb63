/*
 * A fake of Amazon's Widgets.js for the merchant guide's snippets (docs/merchant-setup.md) in headless
 * Chromium: Login with Amazon (amazon.Login) and OffAmazonPayments' Button, AddressBook, Wallet and
 * Consent, with the callbacks and ids Amazon documents. Sign-in sends the browser back to the return
 * URL with access_token, token_type, expires_in and scope in the query string, as Amazon does.
 * Test-only: Amazon cannot be reached from the build machines.
 */
(function (global) {
  "use strict";
  var document = global.document;
  var state = { clientId: null, buttonSellerId: null, walletRenders: 0, walletFor: [], consentFor: null };
  global.fakeAmazon = state;

  function digits(n) {
    var s = "";
    for (var i = 0; i < n; i++) { s += Math.floor(Math.random() * 10); }
    return s;
  }

  function later(fn) { global.setTimeout(fn, 0); }

  global.amazon = {
    Login: {
      setClientId: function (clientId) { state.clientId = clientId; },
      authorize: function (options, returnUrl) {
        var token = "Atza|IwEBIfake-" + digits(32);
        var query = "access_token=" + encodeURIComponent(token) + "&token_type=bearer&expires_in=3600"
          + "&scope=" + encodeURIComponent(options.scope);
        global.location.href = returnUrl + (returnUrl.indexOf("?") >= 0 ? "&" : "?") + query;
      },
      logout: function () {}
    }
  };

  function Button(elementId, sellerId, options) {
    state.buttonSellerId = sellerId;
    var element = document.getElementById(elementId);
    element.innerHTML = "<button type='button' id='fake-amazon-pay-button'>Amazon Pay</button>";
    document.getElementById("fake-amazon-pay-button").onclick = function () { options.authorization(); };
  }

  function AddressBook(options) { this.options = options; }
  AddressBook.prototype.bind = function (elementId) {
    var options = this.options;
    var billingAgreement = options.agreementType === "BillingAgreement";
    var id = (billingAgreement ? "B01-" : "S01-") + digits(7) + "-" + digits(7);
    document.getElementById(elementId).innerHTML = "<div>Ship to: Jane Q Doe, 1 Main St (" + id + ")</div>";
    later(function () {
      if (billingAgreement) {
        if (options.onReady) { options.onReady({ getAmazonBillingAgreementId: function () { return id; } }); }
      } else if (options.onOrderReferenceCreate) {
        options.onOrderReferenceCreate({ getAmazonOrderReferenceId: function () { return id; } });
      }
      if (options.onAddressSelect) {
        later(function () {
          options.onAddressSelect(billingAgreement ? { getAmazonBillingAgreementId: function () { return id; } }
            : { getAmazonOrderReferenceId: function () { return id; } });
        });
      }
    });
  };

  function Wallet(options) { this.options = options; }
  Wallet.prototype.bind = function (elementId) {
    state.walletRenders++;
    state.walletFor.push(this.options.amazonBillingAgreementId || this.options.amazonOrderReferenceId || null);
    var element = document.getElementById(elementId);
    element.setAttribute("data-renders", String(state.walletRenders));
    element.innerHTML = "<div>Pay with: Visa ending 1111 (wallet shown " + state.walletRenders + "x)</div>";
    if (this.options.onPaymentSelect) {
      var options = this.options;
      later(function () { options.onPaymentSelect({}); });
    }
  };

  function Consent(options) { this.options = options; }
  Consent.prototype.bind = function (elementId) {
    var options = this.options;
    state.consentFor = options.amazonBillingAgreementId;
    var status = function (ticked) { return { getConsentStatus: function () { return ticked ? "true" : "false"; } }; };
    document.getElementById(elementId).innerHTML = "<label><input type='checkbox' id='fake-consent'>"
      + " Use my selected payment method for future purchases and payments to this merchant</label>";
    document.getElementById("fake-consent").onchange = function (event) {
      if (options.onConsent) { options.onConsent(status(event.target.checked)); }
    };
    later(function () { if (options.onReady) { options.onReady(status(false)); } });
  };

  global.OffAmazonPayments = { Button: Button, Widgets: { AddressBook: AddressBook, Wallet: Wallet, Consent: Consent } };

  // Widgets.js calls these once it has loaded
  later(function () {
    if (typeof global.onAmazonLoginReady === "function") { global.onAmazonLoginReady(); }
    if (typeof global.onAmazonPaymentsReady === "function") { global.onAmazonPaymentsReady(); }
  });
})(window);
