/*
 * A local fake of Amazon Pay's widget script (OffAmazonPayments.Widgets), for the demo lander only:
 * Amazon cannot be reached from local runs. The AddressBook widget "creates" an order reference with a
 * random id; the Wallet widget shows a card chooser. Never served in production.
 */
(function (global) {
  "use strict";
  var renders = { wallet: 0 };

  function digits(n) {
    var s = "";
    for (var i = 0; i < n; i++) { s += Math.floor(Math.random() * 10); }
    return s;
  }

  function AddressBook(options) { this.options = options; }
  AddressBook.prototype.bind = function (elementId) {
    var element = global.document.getElementById(elementId);
    var id = (this.options.agreementType === "BillingAgreement" ? "C01-" : "S01-") + digits(7) + "-" + digits(7);
    element.innerHTML = "<div class='fake-widget'>Ship to: Jane Q Doe, 1 Main St <small>(" + id + ")</small></div>";
    var options = this.options;
    global.setTimeout(function () {
      if (options.agreementType === "BillingAgreement" && options.onReady) {
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

  global.OffAmazonPayments = { Widgets: { AddressBook: AddressBook, Wallet: Wallet } };
})(window);
