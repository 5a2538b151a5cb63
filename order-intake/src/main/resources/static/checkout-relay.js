/*
 * checkout-relay.js: the lander side of checkout-relay. Dependency-free; served by order-intake at
 * /checkout-relay.js. Copy-paste snippet (see order-intake/README.md):
 *
 *   <script src="https://intake.example.com/checkout-relay.js"></script>
 *   <script>
 *     var relay = CheckoutRelay.create({
 *       intakeUrl: "https://intake.example.com", billerId: 7, sellerId: "YOUR_SELLER_ID",
 *       walletElementId: "walletWidgetDiv",
 *       onOutcome: function (outcome) { ... outcome.status: IMPORTED | DECLINED | PENDING | ERROR ... }
 *     });
 *     // AddressBook widget: pass relay.onOrderReferenceCreate (or relay.onBillingAgreementReady)
 *     // recurring: Consent widget with onConsent: relay.onConsent, and requireConsent: true above
 *     // "Place order" button: relay.submitOrder({campaignId: 12, products: [{productId: 101}]});
 *     // upsell page:           relay.submitUpsell(checkoutId, {productId: 205, quantity: 1});
 *     //   (one Idempotency-Key per offer: upsell.offerId, default the productId; a second offer on the
 *     //    same billing agreement is a second upsell, a double click on one offer is one)
 *   </script>
 *
 * The access token is read from the page URL (access_token=..., query or fragment) and sent only to
 * the intake. On a CUSTOMER_ACTION decline the Wallet widget is rendered again for the same order
 * reference, and the next submitOrder() is the next attempt of the same checkout.
 */
(function (global) {
  "use strict";

  var SETTLED = { IMPORTED: true, DECLINED: true };

  function accessTokenFrom(location) {
    var sources = [location.search, location.hash];
    for (var i = 0; i < sources.length; i++) {
      var text = (sources[i] || "").replace(/^[?#]/, "");
      var pairs = text.split("&");
      for (var j = 0; j < pairs.length; j++) {
        var eq = pairs[j].indexOf("=");
        if (eq > 0 && pairs[j].substring(0, eq) === "access_token") {
          return decodeURIComponent(pairs[j].substring(eq + 1).replace(/\+/g, " "));
        }
      }
    }
    return null;
  }

  function request(method, url, body, headers) {
    var init = { method: method, headers: {}, credentials: "omit", cache: "no-store" };
    for (var name in (headers || {})) {
      if (Object.prototype.hasOwnProperty.call(headers, name)) { init.headers[name] = headers[name]; }
    }
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return global.fetch(url, init).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: response.status, body: json, retryAfter: response.headers.get("Retry-After") };
      });
    });
  }

  function delay(ms) {
    return new Promise(function (resolve) { global.setTimeout(resolve, ms); });
  }

  function Relay(options) {
    this.options = options;
    this.intakeUrl = (options.intakeUrl || "").replace(/\/$/, "");
    this.accessToken = options.accessToken || accessTokenFrom(global.location);
    this.orderReferenceId = null;
    this.recurring = false;
    this.checkoutId = null;
    this.offerKeys = {};
    var self = this;
    // widget callbacks, bound so they can be passed straight to the Amazon widgets
    this.onOrderReferenceCreate = function (orderReference) {
      self.orderReferenceId = orderReference.getAmazonOrderReferenceId();
      self.recurring = false;
    };
    this.onBillingAgreementReady = function (billingAgreement) {
      self.orderReferenceId = billingAgreement.getAmazonBillingAgreementId();
      self.recurring = true;
    };
    // the Consent widget's callback (recurring): whether the buyer ticked "use for future payments"
    this.consent = false;
    this.onConsent = function (consentStatus) {
      self.consent = String(consentStatus.getConsentStatus()) === "true";
    };
  }

  Relay.prototype.outcome = function (outcome) {
    if (typeof this.options.onOutcome === "function") {
      this.options.onOutcome(outcome);
    }
    return outcome;
  };

  Relay.prototype.amazon = function (orderReferenceId, recurring) {
    return { billerId: this.options.billerId, orderReferenceId: orderReferenceId, accessToken: this.accessToken,
             recurring: !!recurring };
  };

  Relay.prototype.post = function (path, body, attemptsLeft, headers) {
    var self = this;
    return request("POST", this.intakeUrl + path, body, headers).then(function (answer) {
      if ((answer.status === 503 || answer.status === 429) && attemptsLeft > 0) {
        var wait = Math.min(10, Number(answer.retryAfter) || 1) * 1000;
        return delay(wait).then(function () { return self.post(path, body, attemptsLeft - 1, headers); });
      }
      return answer;
    }, function () {
      if (attemptsLeft > 0) { // network error: the same request (same Idempotency-Key) is safe to send again
        return delay(1000).then(function () { return self.post(path, body, attemptsLeft - 1, headers); });
      }
      return { status: 0, body: null };
    });
  };

  /** Long-polls the checkout until settled(status) or the deadline; resolves with the last status body. */
  Relay.prototype.poll = function (checkoutId, settled, deadline) {
    var self = this;
    var url = this.intakeUrl + "/v1/checkouts/" + encodeURIComponent(checkoutId) + "?waitSeconds=25";
    return request("GET", url).then(function (answer) {
      if (answer.status === 200 && settled(answer.body)) {
        return answer.body;
      }
      if (Date.now() > deadline) {
        return answer.body;
      }
      return delay(answer.status === 200 ? 0 : 1000).then(function () { return self.poll(checkoutId, settled, deadline); });
    }, function () {
      return delay(1000).then(function () { return self.poll(checkoutId, settled, deadline); });
    });
  };

  /** Posts the order, waits for its outcome and calls onOutcome with it. */
  Relay.prototype.submitOrder = function (order) {
    var self = this;
    if (!this.accessToken || !this.orderReferenceId) {
      return Promise.resolve(this.outcome({ status: "ERROR", message: !this.accessToken
        ? "No Amazon sign-in on this page (access_token missing)." : "Choose an address first." }));
    }
    if (this.recurring && this.options.requireConsent && !this.consent) {
      // Amazon would decline the billing agreement (BuyerConsentNotSet): ask before anything is sent
      return Promise.resolve(this.outcome({ status: "ERROR", message:
        "Tick the box to use your payment method for future payments, then place the order." }));
    }
    var body = {};
    for (var key in order) { if (Object.prototype.hasOwnProperty.call(order, key)) { body[key] = order[key]; } }
    body.amazon = this.amazon(this.orderReferenceId, this.recurring);
    var timeoutMs = this.options.timeoutMs || 120000;
    return this.post("/v1/checkouts", body, 3).then(function (answer) {
      if (answer.status !== 200 && answer.status !== 202) {
        return self.outcome({ status: "ERROR", httpStatus: answer.status, problem: answer.body });
      }
      self.checkoutId = answer.body.checkoutId;
      var attempt = answer.body.attempt;
      return self.poll(self.checkoutId, function (status) {
        return SETTLED[status.status] && (!attempt || !status.attempt || status.attempt >= attempt);
      }, Date.now() + timeoutMs).then(function (status) {
        if (status && status.status === "DECLINED" && status.decline && status.decline["class"] === "CUSTOMER_ACTION") {
          self.renderWallet();
        }
        return self.outcome(self.describe(status));
      });
    });
  };

  /**
   * The Idempotency-Key of one upsell offer: made the first time the offer is submitted and reused for
   * every later submission of it (double click, retry, page reload in the same tab), so the intake
   * counts it once; another offer gets another key, so several upsells on one billing agreement (or on
   * the order's own reference) are each imported.
   */
  Relay.prototype.offerKey = function (checkoutId, offerId) {
    var name = "checkout-relay.offer:" + checkoutId + ":" + offerId;
    var store = null;
    try { store = global.sessionStorage; } catch (e) { store = null; }
    var key = this.offerKeys[name] || (store && store.getItem(name));
    if (!key) {
      key = global.crypto && global.crypto.randomUUID ? global.crypto.randomUUID()
        : "k" + Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
      try { if (store) { store.setItem(name, key); } } catch (e) { /* private mode: this page's memory only */ }
    }
    this.offerKeys[name] = key;
    return key;
  };

  /**
   * Posts an upsell on an imported checkout and waits for that upsell's outcome. upsell.offerId names the
   * offer shown (default: its productId); upsell.orderReferenceId is the upsell's own Amazon reference
   * (default: the order's, e.g. the billing agreement).
   */
  Relay.prototype.submitUpsell = function (checkoutId, upsell) {
    var self = this;
    var body = {};
    for (var key in upsell) { if (Object.prototype.hasOwnProperty.call(upsell, key)) { body[key] = upsell[key]; } }
    var reference = upsell.orderReferenceId || this.orderReferenceId;
    var offerId = upsell.offerId !== undefined && upsell.offerId !== null ? upsell.offerId : upsell.productId;
    delete body.orderReferenceId;
    delete body.offerId;
    body.amazon = this.amazon(reference, this.recurring);
    var headers = { "Idempotency-Key": this.offerKey(checkoutId, offerId) };
    return this.post("/v1/checkouts/" + encodeURIComponent(checkoutId) + "/upsells", body, 3, headers).then(function (answer) {
      if (answer.status !== 200 && answer.status !== 202) {
        return self.outcome({ status: "ERROR", httpStatus: answer.status, problem: answer.body });
      }
      var upsellId = answer.body.upsellId;
      var find = function (status) {
        var list = (status && status.upsells) || [];
        for (var i = 0; i < list.length; i++) { if (list[i].upsellId === upsellId) { return list[i]; } }
        return null;
      };
      return self.poll(checkoutId, function (status) {
        var mine = find(status);
        return mine && SETTLED[mine.status];
      }, Date.now() + (self.options.timeoutMs || 120000)).then(function (status) {
        var mine = find(status) || { status: "PENDING" };
        return self.outcome({ status: SETTLED[mine.status] ? mine.status : "PENDING", checkoutId: checkoutId,
                              upsellId: upsellId, productId: mine.productId, decline: mine.decline || null,
                              crmOrderId: status && status.crmOrderId });
      });
    });
  };

  Relay.prototype.describe = function (status) {
    if (!status) {
      return { status: "PENDING", checkoutId: this.checkoutId };
    }
    return { status: SETTLED[status.status] ? status.status : "PENDING", checkoutId: status.checkoutId,
             crmOrderId: status.crmOrderId || null, decline: status.decline || null, attempt: status.attempt };
  };

  /** Renders Amazon's Wallet widget again for the same order reference, so the buyer can pick another card. */
  Relay.prototype.renderWallet = function () {
    if (typeof this.options.renderWallet === "function") {
      this.options.renderWallet(this.orderReferenceId);
      return;
    }
    var widgets = global.OffAmazonPayments && global.OffAmazonPayments.Widgets;
    if (widgets && this.options.walletElementId) {
      var walletOptions = { sellerId: this.options.sellerId, design: { designMode: "responsive" },
                            onError: function () {} };
      if (this.recurring) {
        walletOptions.amazonBillingAgreementId = this.orderReferenceId;
      } else {
        walletOptions.amazonOrderReferenceId = this.orderReferenceId;
      }
      new widgets.Wallet(walletOptions).bind(this.options.walletElementId);
    }
  };

  global.CheckoutRelay = {
    create: function (options) { return new Relay(options || {}); },
    accessTokenFrom: accessTokenFrom
  };
})(window);
