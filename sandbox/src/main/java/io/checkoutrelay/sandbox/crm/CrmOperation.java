package io.checkoutrelay.sandbox.crm;

import java.util.Map;
import java.util.Optional;

import io.checkoutrelay.sandbox.script.Endpoint;
import io.checkoutrelay.sandbox.script.ScriptedResponse;

/** One CRM endpoint's business behaviour, reached once the call passed login and fault checks. */
interface CrmOperation {

    Endpoint endpoint();

    /**
     * @param params the form parameters of the call
     * @param rule   a matching rule that did not answer the call by itself (a decline or a delay)
     */
    CrmReply handle(Map<String, String> params, Optional<ScriptedResponse> rule);
}
