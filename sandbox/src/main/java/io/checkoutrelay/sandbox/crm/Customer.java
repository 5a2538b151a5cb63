package io.checkoutrelay.sandbox.crm;

import java.util.Map;

/** The buyer as the CRM keeps it; {@code address} holds whatever address fields the caller sent. */
public record Customer(long customerId, String firstName, String lastName, String emailAddress, String phoneNumber,
        Map<String, String> address) {

    /** The same customer id with the details of a later call. */
    public Customer updatedFrom(Customer details) {
        return new Customer(customerId, details.firstName(), details.lastName(), details.emailAddress(),
                details.phoneNumber(), details.address());
    }
}
