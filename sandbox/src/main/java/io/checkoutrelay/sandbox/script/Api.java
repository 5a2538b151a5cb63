package io.checkoutrelay.sandbox.script;

/** The two external APIs the sandbox stands in for. */
public enum Api {
    CRM, AMAZON
}
